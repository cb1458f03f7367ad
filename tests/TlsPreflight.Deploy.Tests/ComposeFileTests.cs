using Microsoft.Identity.Web;
using TlsPreflight.Api.RemoteProbing;
using TlsPreflight.Deploy.Tests.Infrastructure;
using TlsPreflight.Prober.Keys;
using TlsPreflight.Probing;
using TlsPreflight.Telemetry;

namespace TlsPreflight.Deploy.Tests;

public sealed class ComposeFileTests
{
    private static readonly ComposeFile Compose = new(Repository.PathTo("deploy/compose.yaml"));

    public static KnownSettings Api { get; } = new(
        [typeof(RemoteProbingOptions).Assembly, typeof(ProbingOptions).Assembly, typeof(TelemetryOptions).Assembly],
        new Dictionary<string, Type> { ["AzureAd"] = typeof(MicrosoftIdentityOptions) },
        File.ReadAllText(Repository.PathTo("backend/TlsPreflight.Api/appsettings.json")));

    public static KnownSettings Prober { get; } = new([typeof(ProberOptions).Assembly, typeof(ProbingOptions).Assembly, typeof(TelemetryOptions).Assembly]);

    [Fact]
    public void The_topology_has_two_api_instances_behind_a_proxy_with_postgres_redis_and_a_prober()
    {
        var apis = Compose.ServiceNames.Where(s => Compose.DockerfileOf(s) == "Dockerfile").ToList();

        Assert.Equal(2, apis.Count);
        Assert.Single(Compose.ServiceNames, s => Compose.DockerfileOf(s) == "prober.Dockerfile");
        Assert.Contains("postgres", Compose.ServiceNames);
        Assert.Contains("redis", Compose.ServiceNames);
        Assert.Contains("proxy", Compose.ServiceNames);
        Assert.All(apis, api => Assert.Equal("Postgres", Compose.EnvironmentOf(api)["Database__Provider"]));
    }

    [Fact]
    public void Every_environment_variable_of_the_api_and_prober_services_is_one_the_app_reads()
    {
        var unknown = Compose.ServiceNames
            .Select(s => (Service: s, Known: Compose.DockerfileOf(s) switch { "Dockerfile" => Api, "prober.Dockerfile" => Prober, _ => null }))
            .Where(s => s.Known is not null)
            .SelectMany(s => Compose.EnvironmentOf(s.Service).Keys.Where(v => !s.Known!.IsKnown(v)).Select(v => $"{s.Service}: {v}"))
            .ToList();

        Assert.Empty(unknown);
    }

    [Theory]
    [InlineData("Probing__Remote__Urls")]
    [InlineData("Probing__SmtpPorts")]
    [InlineData("ConnectionStrings__Postgress")]
    [InlineData("Database__Provider__Name")]
    [InlineData("ASPNETCORE_ENVIRONEMNT")]
    public void A_misspelt_variable_is_reported_as_unknown(string variable)
    {
        Assert.False(Api.IsKnown(variable));
    }

    [Theory]
    [InlineData("Probing__DnsServers__0")]
    [InlineData("Probing__Remote__Key")]
    [InlineData("AzureAd__ClientSecret")]
    [InlineData("Cors__AllowedOrigins__1")]
    public void Nested_and_indexed_variables_of_the_apps_options_are_known(string variable)
    {
        Assert.True(Api.IsKnown(variable));
    }

    [Fact]
    public void The_prober_key_the_api_sends_is_one_the_prober_accepts()
    {
        var apiKey = Compose.EnvironmentOf("api-1")["Probing__Remote__Key"];

        Assert.Equal(apiKey, Compose.EnvironmentOf("prober")["Prober__Keys__0"]);
        Assert.Equal(Compose.EnvironmentOf("api-1"), Compose.EnvironmentOf("api-2"));
    }
}
