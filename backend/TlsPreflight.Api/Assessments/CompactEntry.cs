using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Assessments;

/// <summary>What a cache entry keeps of an assessment: everything the API answers and the detail page shows, without
/// the DER chains (DANE matching is done before the assessment leaves the engine) and with an SMTP banner cut to
/// <see cref="MaxBannerLength"/> (a reply may run to 64 KiB; the first line says who answered).</summary>
public static class CompactEntry
{
    public const int MaxBannerLength = 512;

    public static DomainAssessment Of(DomainAssessment assessment)
    {
        if (!NeedsCompacting(assessment))
        {
            return assessment;
        }

        var hosts = new MxHostReport[assessment.MxHosts.Count];
        for (var i = 0; i < hosts.Length; i++)
        {
            var host = assessment.MxHosts[i];
            var probes = new SmtpProbeResult[host.Probes.Count];
            for (var j = 0; j < probes.Length; j++)
            {
                probes[j] = Of(host.Probes[j]);
            }

            hosts[i] = host with { Probes = probes };
        }

        return assessment with { MxHosts = hosts };
    }

    private static SmtpProbeResult Of(SmtpProbeResult probe) => probe with
    {
        Banner = probe.Banner is { Length: > MaxBannerLength } banner ? banner[..(MaxBannerLength - 1)] + "…" : probe.Banner,
        Tls = probe.Tls is { ChainDer.Count: > 0 } tls ? tls with { ChainDer = [] } : probe.Tls,
    };

    private static bool NeedsCompacting(DomainAssessment assessment)
    {
        foreach (var host in assessment.MxHosts)
        {
            foreach (var probe in host.Probes)
            {
                if (probe.Banner is { Length: > MaxBannerLength } || probe.Tls is { ChainDer.Count: > 0 })
                {
                    return true;
                }
            }
        }

        return false;
    }
}
