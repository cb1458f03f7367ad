using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Probing;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Dns;

namespace TlsPreflight.Bench.EngineTiming;

/// <summary>A fresh engine (its own service provider): empty MX-probe and MTA-STS caches, so an assessment is
/// cold, as a CLI run is, without paying for process start and JIT.</summary>
internal sealed class ColdEngine : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public IDomainAssessor Assessor { get; }

    /// <summary>The DNS questions this engine asked.</summary>
    public CountingMailDns Dns { get; }

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
        services.AddSingleton<MailDns>();
        services.AddSingleton<CountingMailDns>();
        services.AddSingleton<IMailDns>(p => p.GetRequiredService<CountingMailDns>()); // before the engine's TryAdd
        services.AddTlsPreflightProbing();
        provider = services.BuildServiceProvider();
        Assessor = provider.GetRequiredService<IDomainAssessor>();
        Dns = provider.GetRequiredService<CountingMailDns>();
    }

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
