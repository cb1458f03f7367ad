// Recipient addresses → the domains whose mail servers we check.

export interface RecipientSet {
  /** Lower-case SMTP addresses, unique, in the order first seen. */
  addresses: string[];
  /** Lower-case domains, unique, sorted. */
  domains: string[];
}

// RFC 1035 §2.3.1 host names, with U-labels allowed (the service converts IDNs to A-labels).
const DOMAIN = /^(?=.{1,253}$)([^\s.@]{1,63})(\.[^\s.@]{1,63})+$/u;

export function domainOfAddress(address: string): string | null {
  const at = address.lastIndexOf("@");
  if (at <= 0) return null; // Exchange X.500 addresses and bare names have no domain to check
  const domain = address.slice(at + 1).trim().replace(/\.$/, "").toLowerCase();
  return DOMAIN.test(domain) ? domain : null;
}

export function recipientSet(details: { emailAddress?: string | null }[]): RecipientSet {
  const addresses: string[] = [];
  const domains: string[] = [];
  for (const d of details) {
    const address = (d.emailAddress ?? "").trim().toLowerCase();
    const domain = domainOfAddress(address);
    if (!domain) continue;
    if (addresses.indexOf(address) < 0) addresses.push(address);
    if (domains.indexOf(domain) < 0) domains.push(domain);
  }
  domains.sort();
  return { addresses, domains };
}
