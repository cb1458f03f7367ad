namespace TlsPreflight.Probing.Dns;

/// <summary>What the DNS step found about the domain's mail servers (RFC 5321 §5.1, RFC 7505).</summary>
public enum MxLookupStatus
{
    /// <summary>One or more MX records.</summary>
    Found,
    /// <summary>No MX; the domain's own A/AAAA used as implicit MX.</summary>
    Implicit,
    /// <summary>`MX 0 .` as the only MX.</summary>
    NullMx,
    /// <summary>`MX 0 .` mixed with other MX records: invalid (RFC 7505 §3).</summary>
    NullMxMixed,
    /// <summary>The domain exists with no MX and no address: accepts no mail.</summary>
    NoMailServer,
    /// <summary>NXDOMAIN for the domain itself (plain or DNSSEC-authenticated): probably a mistyped address.</summary>
    DomainNotFound,
    /// <summary>SERVFAIL, timeout or another DNS error: nothing can be said.</summary>
    DnsError,
    /// <summary>The validating resolver's SERVFAIL is a DNSSEC validation failure (RFC 8914 EDE or the CD test).</summary>
    DnssecInvalid,
}
