// Plain words for the engine's finding codes (FindingCodes.cs; RFC 8460 §4.3 result types), used
// when the service sends a finding without its own text.

const FINDING_WORDS: Record<string, string> = {
  "starttls-not-supported": "The mail server does not offer encryption (STARTTLS).",
  "tls-handshake-failed": "The mail server's encryption handshake fails.",
  "certificate-expired": "The mail server's certificate has expired.",
  "certificate-host-mismatch": "The mail server's certificate is for another name.",
  "certificate-not-trusted": "The mail server's certificate is not from a trusted authority.",
  "validation-failure": "The mail server's certificate could not be validated.",
  "tlsa-invalid": "The domain's DANE record is invalid.",
  "tlsa-mismatch": "The mail server's certificate does not match its DANE record.",
  "dnssec-invalid": "The domain's DNSSEC signatures are invalid.",
  "dane-required": "The domain requires DANE, which did not validate.",
  "sts-policy-fetch-error": "The domain's MTA-STS policy could not be fetched.",
  "sts-policy-invalid": "The domain's MTA-STS policy is invalid.",
  "sts-webpki-invalid": "The domain's MTA-STS policy server has an invalid certificate.",
  "sts-mx-mismatch": "A mail server is not listed in the domain's MTA-STS policy.",
  "mx-unreachable": "The mail server could not be reached.",
  "rate-limited": "The mail server asked us to retry later.",
  timeout: "The check timed out.",
  "smtp-rejected": "The mail server refused our connection.",
  "protocol-error": "The mail server answered in a way that breaks the SMTP protocol.",
  "legacy-tls-version": "The mail server uses an outdated TLS version.",
  "downgrade-suspected": "Encryption may have been stripped on the way.",
  "null-mx": "The domain accepts no mail.",
  "null-mx-mixed": "The domain says it accepts no mail but also lists mail servers.",
  "implicit-mx": "The domain has no MX record; its own address is used.",
  "no-mail-server": "The domain has no mail server.",
  "mx-is-cname": "A mail server name is an alias (CNAME), which mail standards forbid.",
  "mx-private-address": "A mail server has a private address.",
  "reserved-domain": "The domain is a special-use or private name that does not exist on the internet.",
  "mx-no-address": "A mail server name has no address.",
  "dns-failure": "The domain's DNS could not be read.",
  "smtp-egress-blocked": "This service cannot reach mail servers (outbound port 25 is blocked).",
  "prober-unreachable": "This service's probe agents could not be reached.",
  "mta-sts-enforce": "The domain requires encryption (MTA-STS enforce).",
  "mta-sts-testing": "The domain tests an MTA-STS policy but does not enforce it yet.",
  "dane-valid": "The domain pins its certificates with DANE.",
  "tls-rpt-present": "The domain collects TLS failure reports.",
  "tls-rpt-invalid": "The domain's TLS reporting record is invalid.",
};

export function findingWords(code: string, text: string | null | undefined): string {
  if (text && text !== code) return text;
  return FINDING_WORDS[code] ?? code;
}
