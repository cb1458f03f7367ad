using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>In-test engine: the domain's first label names its level (plaintext.partner.test → plaintext);
/// anything else is unknown; `slow.` never finishes. One MX host with one STARTTLS probe, so the report page has evidence to show.</summary>
public sealed class LevelByLabelAssessor : IDomainAssessor
{
    public async Task<DomainAssessment> AssessAsync(string domainOrAddress, CancellationToken cancellationToken)
    {
        var domain = DomainName.Normalize(domainOrAddress);
        if (domain.StartsWith("slow.", StringComparison.Ordinal))
        {
            // "slow" never finishes: the caller's deadline decides (the probe stops with the application).
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        var level = domain.Split('.')[0] switch
        {
            "plaintext" => SecurityLevel.Plaintext,
            "encrypted" => SecurityLevel.Encrypted,
            "verified" => SecurityLevel.Verified,
            "enforced" => SecurityLevel.Enforced,
            _ => SecurityLevel.Unknown,
        };
        Finding[] findings = level switch
        {
            SecurityLevel.Plaintext => [new Finding(FindingCodes.StartTlsNotSupported, "mx." + domain)],
            SecurityLevel.Encrypted => [new Finding(FindingCodes.CertificateNotTrusted, "mx." + domain, "self-signed")],
            SecurityLevel.Unknown => [new Finding(FindingCodes.MxUnreachable, "mx." + domain)],
            _ => [],
        };
        var tls = level >= SecurityLevel.Encrypted
            ? new TlsSessionReport("TLSv1.3", "TLS_AES_256_GCM_SHA384",
                new CertificateReport("CN=mx." + domain, "CN=Lab Test CA", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90),
                    ["mx." + domain], "00", level >= SecurityLevel.Verified, level >= SecurityLevel.Verified ? null : "self-signed", true, false),
                ["CN=mx." + domain], [])
            : null;
        var probe = new SmtpProbeResult("127.1.0.1", 25, ProbeOutcome.Completed, null, null, 221, "220 mx." + domain + " ESMTP",
            level >= SecurityLevel.Encrypted, tls, new ProbeTimings(1, 1, 1, 1, 1, 5));
        var mx = new MxHostReport("mx." + domain, 10, false, null, [probe], level, TlsaReport.None, null);
        return new DomainAssessment(domain, level, findings, [mx], MtaStsReport.NoRecord, DaneReport.None, TlsRptReport.None,
            DateTimeOffset.UtcNow, 5);
    }

    public async Task<IReadOnlyList<DomainAssessment>> AssessManyAsync(IEnumerable<string> domainsOrAddresses, CancellationToken cancellationToken)
    {
        var results = new List<DomainAssessment>();
        foreach (var domain in domainsOrAddresses.Select(DomainName.Normalize).Distinct(StringComparer.Ordinal))
        {
            results.Add(await AssessAsync(domain, cancellationToken));
        }

        return results;
    }
}
