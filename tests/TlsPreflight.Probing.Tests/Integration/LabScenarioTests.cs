using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Json;
using TlsPreflight.TestLab.Scenarios;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>The `serve` scenarios that browser tests, the API demo and bench/ rely on get the levels lab.json promises.</summary>
public sealed class LabScenarioTests
{
    [Fact]
    public async Task Every_serve_mode_scenario_gets_the_level_it_promises()
    {
        await using var lab = LabScenarios.Start();
        var services = new ServiceCollection().AddTlsPreflightProbing();
        services.Configure<ProbingOptions>(o =>
        {
            o.DnsServers = [lab.Dns.Address];
            o.SmtpPort = lab.SmtpPort;
            o.HttpsPort = lab.Https.Port;
            o.ExtraTrustedCaFile = lab.CaFile;
            o.TrustResolverDnssec = true;
            o.AllowPrivateNetworks = true;
        });
        await using var provider = services.BuildServiceProvider();
        var assessor = provider.GetRequiredService<IDomainAssessor>();

        var results = await assessor.AssessManyAsync(lab.ExpectedLevels.Keys, TestContext.Current.CancellationToken);

        var levels = results.ToDictionary(r => r.Domain, r => System.Text.Json.JsonSerializer.Serialize(r.Level, AssessmentJson.Options).Trim('"'));
        Assert.Equal(lab.ExpectedLevels.OrderBy(p => p.Key), levels.OrderBy(p => p.Key));
    }
}
