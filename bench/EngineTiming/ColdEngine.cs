using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Probing;
using TlsPreflight.Probing.Assessment;

namespace TlsPreflight.Bench.EngineTiming;

/// <summary>A fresh engine (its own service provider): empty MX-probe and MTA-STS caches, so an assessment is
/// cold, as a CLI run is, without paying for process start and JIT.</summary>
internal sealed class ColdEngine : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public IDomainAssessor Assessor { get; }

    public ColdEngine(LabDescription lab)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<ProbingOptions>().Configure(o =>
        {
            o.DnsServers = [lab.DnsServer];
            o.SmtpPort = lab.SmtpPort;
            o.HttpsPort = lab.HttpsPort;
            o.ExtraTrustedCaFile = lab.CaFile;
            o.TrustResolverDnssec = lab.TrustResolverDnssec;
            o.AllowPrivateNetworks = lab.AllowPrivateNetworks;
        });
        services.AddTlsPreflightProbing();
        provider = services.BuildServiceProvider();
        Assessor = provider.GetRequiredService<IDomainAssessor>();
    }

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
