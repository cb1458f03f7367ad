using System.Text.Json.Serialization;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Probing.Model;

// The DNSSEC, TLSA, DANE and MTA-STS status enums were strings once: they carry their kebab-case converter on the type,
// so every serialiser (also one with default options, e.g. the posture evidence) still writes the same words.

/// <summary>MTA-STS (RFC 8461) for the domain.</summary>
/// <param name="Mode">Set when a policy was read (kebab-case in JSON: enforce, testing, none).</param>
public sealed record MtaStsReport(
    MtaStsStatus Status,
    string? RecordId,
    MtaStsMode? Mode,
    long? MaxAgeSeconds,
    IReadOnlyList<string> MxPatterns,
    string? Error,
    bool FromCache)
{
    public static MtaStsReport NoRecord { get; } = new(MtaStsStatus.None, null, null, null, [], null, false);
}

/// <summary>What the domain's MTA-STS record and policy came to (RFC 8461 §3). Serialised kebab-case.</summary>
[JsonConverter(typeof(KebabCase<MtaStsStatus>))]
public enum MtaStsStatus
{
    /// <summary>No `_mta-sts` TXT record (and no cached policy).</summary>
    None,
    /// <summary>A `v=STSv1` record that does not parse, or more than one (RFC 8461 §3.1): "record-invalid".</summary>
    RecordInvalid,
    /// <summary>The policy could not be fetched (no answer, not 200, a redirect, too large): "fetch-error".</summary>
    FetchError,
    /// <summary>The policy host's certificate failed WebPKI validation (RFC 8460 §4.3.2.2): "webpki-invalid".</summary>
    WebpkiInvalid,
    /// <summary>The policy was fetched but does not parse (RFC 8461 §3.2), or was not text/plain: "policy-invalid".</summary>
    PolicyInvalid,
    /// <summary>A policy applies (fetched now or from the cache).</summary>
    Valid,
}

/// <summary>DANE (RFC 7672) summary over the MX hosts.</summary>
public sealed record DaneReport(DaneStatus Status, bool MxLookupSecure, string? Detail)
{
    public static DaneReport None { get; } = new(DaneStatus.None, false, null);
}

/// <summary>The domain's DANE status over its MX hosts (RFC 7672). Serialised kebab-case.</summary>
[JsonConverter(typeof(KebabCase<DaneStatus>))]
public enum DaneStatus
{
    /// <summary>No TLSA records on any MX host.</summary>
    None,
    /// <summary>Every MX host that answered has usable, DNSSEC-secure TLSA that matched its chain.</summary>
    Valid,
    /// <summary>Some MX hosts are authenticated by DANE, not all (or the secure TLSA could not be checked).</summary>
    Partial,
    /// <summary>An MX host with secure, usable TLSA presented a chain that matches none of them (or offered no TLS).</summary>
    Mismatch,
    /// <summary>The secure TLSA records have no usable usage, selector or matching type (RFC 7672 §3.1.3).</summary>
    Unusable,
    /// <summary>TLSA records exist but are not DNSSEC-signed: senders ignore them (RFC 7672 §2.2).</summary>
    Insecure,
    /// <summary>A TLSA lookup failed DNSSEC validation (RFC 7672 §2.2).</summary>
    Bogus,
}

/// <summary>TLSA evidence for one MX host.</summary>
public sealed record TlsaReport(
    DnssecStatus DnssecStatus,
    IReadOnlyList<TlsaRecordData> Records,
    TlsaOutcome Outcome,
    string? MatchedRecord)
{
    public static TlsaReport None { get; } = new(DnssecStatus.None, [], TlsaOutcome.None, null);
}

/// <summary>The DNSSEC status of a TLSA answer (RFC 4035 §4.3, as RFC 7672 §2.1 uses it). Serialised kebab-case.</summary>
[JsonConverter(typeof(KebabCase<DnssecStatus>))]
public enum DnssecStatus
{
    /// <summary>No TLSA records (a denial of existence).</summary>
    None,
    /// <summary>The answer validated (AD bit from a trusted resolver); in a report, the MX host's address records did too (RFC 7672 §2.2.2).</summary>
    Secure,
    /// <summary>Records exist but are not signed (or the host's addresses are not): senders do not use them.</summary>
    Insecure,
    /// <summary>The answer failed DNSSEC validation: a DANE sender treats the MX as unreachable.</summary>
    Bogus,
    /// <summary>The lookup failed without an answer (SERVFAIL, timeout): a DANE sender defers (RFC 7672 §2.1.1).</summary>
    Indeterminate,
}

/// <summary>How the presented chain compared with the TLSA records (RFC 7672 §3). Serialised kebab-case.</summary>
[JsonConverter(typeof(KebabCase<TlsaOutcome>))]
public enum TlsaOutcome
{
    /// <summary>No TLSA records to compare.</summary>
    None,
    /// <summary>A usable record matches the chain (see <see cref="TlsaReport.MatchedRecord"/>).</summary>
    Match,
    /// <summary>Usable records exist and none matches the chain.</summary>
    Mismatch,
    /// <summary>Only PKIX usages, unknown parameters or malformed data (RFC 7672 §3.1.3).</summary>
    Unusable,
    /// <summary>No TLS session, so no chain to compare: "not-checked".</summary>
    NotChecked,
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
