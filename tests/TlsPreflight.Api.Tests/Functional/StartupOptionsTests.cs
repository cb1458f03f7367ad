using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Functional;

public sealed class StartupOptionsTests
{
    [Fact]
    public async Task Start_up_fails_on_a_dns_server_setting_that_is_not_ip_or_ip_and_port()
    {
        await using var factory = new ApiFactory();
        await factory.InitializeAsync();
        factory.Settings["Probing:DnsServers:0"] = "dns.example:53";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("dns.example:53", error.ToString(), StringComparison.Ordinal);
    }
}
