// Recipient addresses → the domains whose mail servers we check. The rules are the service's
// (RecipientList/DomainName); tests/cases/recipients.json holds the cases both are tested against.

export interface RecipientSet {
  /** Lower-case SMTP addresses, unique, in the order first seen. */
  addresses: string[];
  /** Lower-case domains, unique, sorted. */
  domains: string[];
}

/** RFC 5321 §4.5.3.1 rounded as mail clients do; the service refuses longer entries. */
const MAX_ADDRESS_LENGTH = 320;
/** RFC 1035 §2.3.4. */
const MAX_DOMAIN_LENGTH = 253;
// RFC 1035 §2.3.1 letters, digits and hyphens, 1–63 per label, no hyphen at either end.
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// Characters that belong to a local part or an address literal, never to a domain (RFC 5321 §4.1.2).
const NOT_IN_DOMAIN = /["'[\]()<>,;:\\/]/;
const SPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f-\u009f]/;
const NON_ASCII = /[^\u0000-\u007f]/;

/**
 * The domain the service will assess for an address, or null when the service would refuse it.
 * A label with non-ASCII characters is kept as a U-label: the service converts it (RFC 5891).
 */
export function domainOfAddress(address: string): string | null {
  const entry = address.trim();
  if (entry.length > MAX_ADDRESS_LENGTH || SPACE_OR_CONTROL.test(entry)) return null;
  const at = entry.lastIndexOf("@");
  if (at <= 0) return null; // Exchange X.500 addresses and bare names have no domain to check
  let domain = entry.slice(at + 1).toLowerCase();
  if (domain.charAt(domain.length - 1) === ".") domain = domain.slice(0, -1);
  if (domain.length === 0 || NOT_IN_DOMAIN.test(domain)) return null;
  // A single label (localhost, intranet) is a name: the service answers it as reserved-domain, not as an error.
  const labels = domain.split(".");
  const idn = NON_ASCII.test(domain);
  if (!idn && domain.length > MAX_DOMAIN_LENGTH) return null;
  for (const label of labels) {
    if (label.length === 0) return null;
    if (NON_ASCII.test(label)) continue; // the service's IDNA conversion has the last word
    if (!LDH_LABEL.test(label)) return null;
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1])) return null; // an IP address, or an all-digit top-level label
  return domain;
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
