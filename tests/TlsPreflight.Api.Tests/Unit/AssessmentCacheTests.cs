using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Unit;

public sealed class AssessmentCacheTests
{
    private static AssessmentCache NewCache()
    {
        var services = new ServiceCollection();
        services.AddHybridCache().AddSerializer<DomainAssessment, AssessmentCacheSerializer>();
        var hybrid = services.BuildServiceProvider().GetRequiredService<HybridCache>();
        return new AssessmentCache(hybrid, Options.Create(new AssessmentOptions()));
    }

    private static DomainAssessment Probed(string domain, string banner)
    {
        var certificate = new CertificateReport("CN=mx." + domain, "CN=Lab CA", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100),
            ["mx." + domain], "00", true, null, true, false);
        var tls = new TlsSessionReport("TLSv1.3", "TLS_AES_128_GCM_SHA256", certificate, ["CN=mx." + domain], [new byte[4096], new byte[4096]]);
        var probe = new SmtpProbeResult("192.0.2.1", 25, ProbeOutcome.Completed, null, null, 221, banner, true, tls, new ProbeTimings(1, 1, 1, 1, 1, 5));
        var host = new MxHostReport("mx." + domain, 10, false, null, [probe], SecurityLevel.Verified, TlsaReport.None, null);
        return new DomainAssessment(domain, SecurityLevel.Verified, [], [host], MtaStsReport.NoRecord, DaneReport.None, TlsRptReport.None,
            DateTimeOffset.UnixEpoch, 5);
    }

    [Fact]
    public async Task A_cached_assessment_is_handed_out_as_the_same_instance_instead_of_a_deserialised_copy()
    {
        var cache = NewCache();
        var first = await cache.GetOrProbeAsync("a.example", _ => ValueTask.FromResult(Probed("a.example", "220 mx ESMTP")), refresh: false,
            TestContext.Current.CancellationToken);
        var second = await cache.GetOrProbeAsync("a.example", _ => throw new InvalidOperationException("probed twice"), refresh: false,
            TestContext.Current.CancellationToken);
        var known = await cache.GetKnownAsync("a.example", TestContext.Current.CancellationToken);

        Assert.Same(first, second);
        Assert.Same(first, known);
    }

    [Fact]
    public async Task The_cache_keeps_no_certificate_chain_and_at_most_512_characters_of_a_banner()
    {
        var cache = NewCache();
        var banner = "220 " + new string('x', 60_000);
        await cache.GetOrProbeAsync("b.example", _ => ValueTask.FromResult(Probed("b.example", banner)), refresh: false,
            TestContext.Current.CancellationToken);

        var known = await cache.GetKnownAsync("b.example", TestContext.Current.CancellationToken);

        var probe = Assert.Single(Assert.Single(known!.MxHosts).Probes);
        Assert.Empty(probe.Tls!.ChainDer);
        Assert.Equal(CompactEntry.MaxBannerLength, probe.Banner!.Length);
        Assert.StartsWith("220 xxx", probe.Banner, StringComparison.Ordinal);
        Assert.Equal("CN=mx.b.example", probe.Tls.Certificate.Subject);
    }

    [Fact]
    public async Task Known_only_never_probes_and_answers_null_for_a_domain_not_cached()
        => Assert.Null(await NewCache().GetKnownAsync("never.example", TestContext.Current.CancellationToken));
}
