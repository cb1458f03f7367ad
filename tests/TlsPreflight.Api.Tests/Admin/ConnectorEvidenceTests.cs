using TlsPreflight.Api.Admin.Exchange;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>The export reads the certificate SANs and the DANE evidence from the engine's report.</summary>
public sealed class ConnectorEvidenceTests
{
    private static readonly TlsaReport Matched = new(DnssecStatus.Secure, [new TlsaRecordData(3, 1, 1, "ab")], TlsaOutcome.Match, "3 1 1 ab");

    private static MxHostReport Mx(string host, TlsaReport dane, params string[][] certificates)
        => new(host, 10, false, null, [.. certificates.Select((names, i) => new SmtpProbeResult($"192.0.2.{i + 1}", 25, ProbeOutcome.Completed, null, null, 221, null, true,
            new TlsSessionReport("TLSv1.3", "TLS_AES_128_GCM_SHA256", new CertificateReport("CN=" + names[0], "CN=CA", DateTimeOffset.UnixEpoch,
                DateTimeOffset.MaxValue, names, "fp-" + string.Join('-', names), true, null, true, false), [], []), new ProbeTimings(0, 0, 0, 0, 0, 0)))],
            SecurityLevel.Enforced, dane, null);

    private static DomainAssessment Assessment(DaneReport dane, params MxHostReport[] hosts)
        => new("partner.com", SecurityLevel.Enforced, [], hosts, MtaStsReport.NoRecord, dane, TlsRptReport.None, DateTimeOffset.UnixEpoch, 1);

    [Fact]
    public void The_certificates_of_every_address_of_an_mx_are_kept_once_each()
    {
        var evidence = ConnectorEvidence.From(Assessment(DaneReport.None, Mx("mx.partner.com", TlsaReport.None, ["a.partner.com"], ["b.partner.com"], ["a.partner.com"])), true);

        var mx = Assert.Single(evidence.MxHosts);
        Assert.Equal([["a.partner.com"], ["b.partner.com"]], mx.Certificates);
    }

    public static TheoryData<string, DaneReport, TlsaReport, bool> DaneDomains => new()
    {
        // case, the domain's DANE summary, the second MX's TLSA, DNSSEC-secure TLSA matched on every MX
        { "DANE valid on every MX", new DaneReport(DaneStatus.Valid, true, null), Matched, true },
        { "an MX without TLSA", new DaneReport(DaneStatus.Valid, true, null), TlsaReport.None, false },
        { "TLSA not DNSSEC-signed", new DaneReport(DaneStatus.Insecure, true, null), Matched with { DnssecStatus = DnssecStatus.Insecure }, false },
        { "MX lookup not DNSSEC-signed", new DaneReport(DaneStatus.Valid, false, null), Matched, false },
        { "partial", new DaneReport(DaneStatus.Partial, true, null), Matched with { Outcome = TlsaOutcome.Mismatch }, false },
    };

    [Theory]
    [MemberData(nameof(DaneDomains))]
    public void Dane_counts_only_when_secure_tlsa_matched_on_every_mx(string partner, DaneReport dane, TlsaReport second, bool expected)
    {
        var evidence = ConnectorEvidence.From(Assessment(dane, Mx("mx1.partner.com", Matched, ["mx1.partner.com"]), Mx("mx2.partner.com", second, ["mx2.partner.com"])), false);

        Assert.True(expected == evidence.DaneOnEveryMx, partner);
    }
}
