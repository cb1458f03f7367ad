using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Admin.Exchange;

/// <summary>The certificates one MX host presented: each certificate's SAN dNSNames (empty list: none observed).</summary>
public sealed record MxCertificates(string Host, IReadOnlyList<IReadOnlyList<string>> Certificates);

/// <summary>What an assessment of a domain showed, as the export needs it to pick -TlsDomain and the DANE mode.</summary>
/// <param name="MxLookupSecure">The MX answer was DNSSEC-authenticated, so the hosts observed are the domain's.</param>
/// <param name="DaneOnEveryMx">DNSSEC-secure TLSA matched on every MX host (RFC 7672 §2.2: with a secure MX lookup).</param>
/// <param name="CheckedAtExport">Probed for this export rather than taken from the cache.</param>
/// <param name="CertificatesTrusted">Every certificate observed chains to a trusted CA (a DANE-EE server's need not).</param>
public sealed record ConnectorEvidence(
    IReadOnlyList<MxCertificates> MxHosts,
    bool MxLookupSecure,
    bool DaneOnEveryMx,
    DateTimeOffset CheckedAt,
    bool CheckedAtExport,
    bool CertificatesTrusted = true)
{
    /// <summary>Evidence a -TlsDomain or a DANE mode may rest on: DNSSEC-authenticated, or re-checked at export time.</summary>
    public bool Authenticated => MxLookupSecure || CheckedAtExport;

    public static ConnectorEvidence From(DomainAssessment assessment, bool checkedAtExport)
        => new(
            [.. assessment.MxHosts.Select(mx => new MxCertificates(mx.Host, [.. mx.Probes
                .Select(probe => probe.Tls?.Certificate)
                .OfType<CertificateReport>()
                .DistinctBy(certificate => certificate.Sha256Fingerprint, StringComparer.OrdinalIgnoreCase)
                .Select(certificate => certificate.DnsNames)]))],
            assessment.Dane.MxLookupSecure,
            assessment.Dane is { Status: DaneStatus.Valid, MxLookupSecure: true }
                && assessment.MxHosts.Count > 0
                && assessment.MxHosts.All(mx => mx.Dane is { DnssecStatus: DnssecStatus.Secure, Outcome: TlsaOutcome.Match }),
            assessment.CheckedAt,
            checkedAtExport,
            assessment.MxHosts.SelectMany(mx => mx.Probes).All(probe => probe.Tls is null || probe.Tls.Certificate.Trusted));
}
