using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;
using TlsPreflight.Probing.Verdict;
using TlsPreflight.Probing.Dns;

namespace TlsPreflight.Probing.Tests.Verdict;

/// <summary>Builders for verdict inputs: plain records, no network.</summary>
internal static class Evidence
{
    private static readonly ProbeTimings Timings = new(1, 1, 1, 1, 1, 5);

    public static CertificateReport Cert(bool trusted = true, bool nameMatches = true, bool expired = false)
        => new("CN=mx.example.com", "CN=Test CA", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100),
            ["mx.example.com"], "ab", trusted, trusted ? null : "self-signed", nameMatches, expired);

    public static SmtpProbeResult Tls(string address = "192.0.2.1", string protocol = "TLSv1.3", CertificateReport? cert = null)
        => new(address, 25, ProbeOutcome.Completed, null, null, 221, "220 mx", true,
            new TlsSessionReport(protocol, "TLS_AES_128_GCM_SHA256", cert ?? Cert(), ["CN=mx.example.com"], []), Timings);

    public static SmtpProbeResult NoStartTls(string address = "192.0.2.1")
        => new(address, 25, ProbeOutcome.Completed, null, null, 221, "220 mx", false, null, Timings);

    public static SmtpProbeResult Failed(ProbeOutcome outcome, string address = "192.0.2.1", string? error = "it failed")
        => new(address, 25, outcome, ProbeStep.Banner, error, null, null, false, null, Timings);

    public static TlsaReport Tlsa(DnssecStatus dnssec, TlsaOutcome outcome)
        => new(dnssec, [new TlsaRecordData(3, 1, 1, new string('a', 64))], outcome, outcome == TlsaOutcome.Match ? "3 1 1 aa" : null);

    public static MxHostEvidence Host(string name, params SmtpProbeResult[] probes)
        => new(name, 10, false, null, probes, TlsaReport.None);

    public static MtaStsReport Sts(MtaStsMode mode)
        => new(MtaStsStatus.Valid, "id1", mode, 86400, ["*.example.com"], null, false);

    public static VerdictInput Input(params MxHostEvidence[] hosts)
        => new(MxLookupStatus.Found, null, hosts, MtaStsReport.NoRecord, false);

    public static IEnumerable<string> Codes(this Probing.Verdict.Verdict verdict) => verdict.Findings.Select(f => f.Code);
}
