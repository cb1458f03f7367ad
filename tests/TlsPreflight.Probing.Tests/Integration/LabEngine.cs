using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>The engine as the CLI and API build it (AddTlsPreflightProbing), pointed at the lab, with short
/// deadlines so hostile servers are classified quickly. A fresh instance has empty caches.</summary>
public sealed class LabEngine : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public IDomainAssessor Assessor { get; }
    public ProbingOptions Options { get; }

    public LabEngine(LabFixture lab, Action<ProbingOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddTlsPreflightProbing();
        services.Configure<ProbingOptions>(o =>
        {
            o.DnsServers = [lab.Dns.Address];
            o.SmtpPort = lab.SmtpPort;
            o.HttpsPort = lab.Https.Port;
            o.ExtraTrustedCaFile = lab.CaFile;
            o.AllowPrivateNetworks = true; // the lab lives on 127/8
            o.TrustResolverDnssec = true;  // the lab DNS sets AD like a validating resolver
            o.EhloName = "probe.tlspreflight.test";
            o.DnsTimeout = TimeSpan.FromSeconds(2);
            o.ConnectTimeout = TimeSpan.FromSeconds(2);
            o.SmtpCommandTimeout = TimeSpan.FromSeconds(2);
            o.TlsHandshakeTimeout = TimeSpan.FromSeconds(2);
            o.MtaStsFetchTimeout = TimeSpan.FromSeconds(3);
            o.DomainTimeout = TimeSpan.FromSeconds(20);
            configure?.Invoke(o);
        });
        provider = services.BuildServiceProvider();
        Assessor = provider.GetRequiredService<IDomainAssessor>();
        Options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProbingOptions>>().Value;
    }

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public Task<DomainAssessment> AssessAsync(string domain, CancellationToken cancellationToken) => Assessor.AssessAsync(domain, cancellationToken);

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
