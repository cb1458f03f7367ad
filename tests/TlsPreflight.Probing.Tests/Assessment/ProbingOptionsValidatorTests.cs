using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace TlsPreflight.Probing.Tests.Assessment;

public sealed class ProbingOptionsValidatorTests
{
    private static OptionsValidationException Invalid(Action<ProbingOptions> configure)
    {
        var services = new ServiceCollection().AddTlsPreflightProbing();
        services.Configure(configure);
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ProbingOptions>>().Value);
    }

    [Fact]
    public void An_ehlo_name_with_a_line_break_is_refused_because_it_would_inject_smtp_commands()
    {
        var error = Invalid(o => o.EhloName = "probe.example\r\nRCPT TO:<x@example.com>");

        Assert.Contains("EhloName", error.Message);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("127.0.0.1:99999")]
    public void A_dns_server_that_is_not_ip_and_port_is_refused(string server)
    {
        var error = Invalid(o => o.DnsServers = [server]);

        Assert.Contains(server, error.Message);
    }

    [Fact]
    public void Extra_refused_ranges_that_are_not_cidr_are_each_named_in_the_error()
    {
        var error = Invalid(o => o.ExtraRefusedRanges = ["10.20.0.0/16", "10.20.0.1/16", "fd00:1234::/32", "intranet"]);

        Assert.Contains("'10.20.0.1/16'", error.Message);
        Assert.Contains("'intranet'", error.Message);
        Assert.DoesNotContain("'10.20.0.0/16'", error.Message);
        Assert.DoesNotContain("'fd00:1234::/32'", error.Message);
    }

    [Fact]
    public void Zero_timeouts_ports_and_limits_are_each_named_in_the_error()
    {
        var error = Invalid(o =>
        {
            o.SmtpPort = 0;
            o.ConnectTimeout = TimeSpan.Zero;
            o.MaxConcurrentProbes = 0;
        });

        Assert.Contains("SmtpPort", error.Message);
        Assert.Contains("ConnectTimeout", error.Message);
        Assert.Contains("MaxConcurrentProbes", error.Message);
    }

    [Fact]
    public void Zero_scheduler_limits_and_cache_sizes_are_each_named_in_the_error()
    {
        var error = Invalid(o =>
        {
            o.MaxConcurrentDnsQueries = 0;
            o.MaxConcurrentPolicyFetches = 0;
            o.MaxQueuedPerTenant = 0;
            o.MaxQueued = 0;
            o.MxResultCacheSize = 0;
            o.MtaStsPolicyCacheSize = 0;
        });

        foreach (var name in new[] { "MaxConcurrentDnsQueries", "MaxConcurrentPolicyFetches", "MaxQueuedPerTenant", "MaxQueued ", "MxResultCacheSize", "MtaStsPolicyCacheSize" })
            Assert.Contains(name, error.Message);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        using var provider = new ServiceCollection().AddTlsPreflightProbing().BuildServiceProvider();

        Assert.Equal(25, provider.GetRequiredService<IOptions<ProbingOptions>>().Value.SmtpPort);
    }
}
