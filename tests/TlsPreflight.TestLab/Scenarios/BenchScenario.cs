using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.TestLab.Scenarios;

/// <summary>`serve --scenario bench`: 50 domains `d00…d49.bench.lab.test` spread over 10 shared MX hosts
/// `mx0…mx9.bench.lab.test` (domain i uses host i mod 10), each a STARTTLS server with a lab-CA certificate for its
/// name, so every domain is `verified`. Lets bench/engine.sh compare a batch against one domain, and gives
/// posttls-finger the same servers to talk to.</summary>
public sealed class BenchScenario : IAsyncDisposable
{
    public const int DomainCount = 50;
    public const int MxHostCount = 10;

    private readonly List<LabSmtpServer> servers = [];

    /// <summary>MX host name → the loopback address its server listens on.</summary>
    public IReadOnlyDictionary<string, string> MxHosts { get; }

    /// <summary>Domain → its MX host.</summary>
    public IReadOnlyDictionary<string, string> Domains { get; }

    private BenchScenario(LabScenarios lab)
    {
        var hosts = new Dictionary<string, string>();
        for (var i = 0; i < MxHostCount; i++)
        {
            var host = $"mx{i}.bench.lab.test";
            var server = LabSmtpServer.Start(SmtpBehaviour.StartTls, lab.SmtpPort, host, lab.Authority.Issue(host), lab.Authority.Chain);
            servers.Add(server);
            lab.Dns.Zone.A(host, server.Address);
            hosts[host] = server.Address.ToString();
        }
        var domains = new Dictionary<string, string>();
        for (var i = 0; i < DomainCount; i++)
        {
            var domain = $"d{i:00}.bench.lab.test";
            var host = $"mx{i % MxHostCount}.bench.lab.test";
            lab.Dns.Zone.Mx(domain, 10, host);
            domains[domain] = host;
        }
        MxHosts = hosts;
        Domains = domains;
    }

    /// <summary>Add the bench servers and records to a running lab.</summary>
    public static BenchScenario Start(LabScenarios lab) => new(lab);

    public async ValueTask DisposeAsync()
    {
        foreach (var server in servers)
            await server.DisposeAsync();
    }
}
