namespace TlsPreflight.Probing.Model;

/// <summary>MTA-STS (RFC 8461) for the domain.</summary>
/// <param name="Status">none (no `_mta-sts` record), record-invalid, fetch-error, webpki-invalid (the policy host's
/// certificate failed validation), policy-invalid, valid.</param>
/// <param name="Mode">enforce, testing or none, when a policy was read.</param>
public sealed record MtaStsReport(
    string Status,
    string? RecordId,
    string? Mode,
    long? MaxAgeSeconds,
    IReadOnlyList<string> MxPatterns,
    string? Error,
    bool FromCache)
{
    public static MtaStsReport NoRecord { get; } = new("none", null, null, null, [], null, false);
}

/// <summary>DANE (RFC 7672) summary over the MX hosts.</summary>
/// <param name="Status">none (no TLSA anywhere), valid (every MX has usable secure TLSA that matches),
/// partial (some MX), mismatch (a secure usable TLSA did not match), unusable, insecure (TLSA without DNSSEC), bogus.</param>
public sealed record DaneReport(string Status, bool MxLookupSecure, string? Detail)
{
    public static DaneReport None { get; } = new("none", false, null);
}

/// <summary>TLSA evidence for one MX host.</summary>
/// <param name="DnssecStatus">secure, insecure, bogus, indeterminate, or none (no TLSA records).</param>
/// <param name="Outcome">none, match, mismatch, unusable (only PKIX usages or unknown parameters), not-checked (no TLS chain to match).</param>
public sealed record TlsaReport(
    string DnssecStatus,
    IReadOnlyList<TlsaRecordData> Records,
    string Outcome,
    string? MatchedRecord)
{
    public static TlsaReport None { get; } = new("none", [], "none", null);
}

/// <summary>One TLSA record (RFC 6698 §2.1). <see cref="Data"/> is lower-case hex.</summary>
public sealed record TlsaRecordData(int Usage, int Selector, int MatchingType, string Data)
{
    public override string ToString() => $"{Usage} {Selector} {MatchingType} {Data}";
}

/// <summary>TLS-RPT (RFC 8460 §3).</summary>
/// <param name="Status">none, valid, invalid (kebab-case in JSON).</param>
public sealed record TlsRptReport(TlsRptStatus Status, IReadOnlyList<string> Rua, string? Error)
{
    public static TlsRptReport None { get; } = new(TlsRptStatus.None, [], null);
}

/// <summary>What the `_smtp._tls` TXT lookup found (RFC 8460 §3).</summary>
public enum TlsRptStatus
{
    /// <summary>No `v=TLSRPTv1` record.</summary>
    None,
    /// <summary>Exactly one record with a usable `rua`.</summary>
    Valid,
    /// <summary>More than one record, or a malformed one: the domain does not implement TLS-RPT.</summary>
    Invalid,
}
