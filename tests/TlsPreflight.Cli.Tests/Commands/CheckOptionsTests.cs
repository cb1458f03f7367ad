using System.CommandLine;
using TlsPreflight.Cli.Commands;
using TlsPreflight.Probing;

namespace TlsPreflight.Cli.Tests.Commands;

public sealed class CheckOptionsTests
{
    private static (ParseResult Result, CheckOptions Flags) Parse(params string[] args)
    {
        var flags = new CheckOptions();
        var command = new Command("check");
        flags.AddTo(command);
        return (command.Parse(args), flags);
    }

    private static ProbingOptions Options(params string[] args)
    {
        var (result, flags) = Parse(args);
        Assert.Empty(result.Errors);
        return flags.ToProbingOptions(result);
    }

    [Fact]
    public void Without_flags_the_engine_defaults_apply()
    {
        var options = Options("example.com");
        var defaults = new ProbingOptions();

        Assert.Empty(options.DnsServers);
        Assert.False(options.TrustResolverDnssec);
        Assert.Equal(25, options.SmtpPort);
        Assert.Equal(443, options.HttpsPort);
        Assert.False(options.AllowPrivateNetworks);
        Assert.Empty(options.ExtraRefusedRanges);
        Assert.Null(options.ExtraTrustedCaFile);
        Assert.Equal(defaults.EhloName, options.EhloName);
        Assert.Equal(defaults.DomainTimeout, options.DomainTimeout);
        Assert.Equal(defaults.SmtpCommandTimeout, options.SmtpCommandTimeout);
    }

    [Fact]
    public void Every_flag_lands_in_its_probing_option()
    {
        var ca = Path.GetTempFileName();
        try
        {
            var options = Options("a.example", "b@c.example", "--dns-server", "127.0.0.1:5353", "--dns-server", "[::1]:53",
                "--dnssec", "--smtp-port", "2525", "--https-port", "8443", "--allow-private-networks", "--refuse-range", "10.20.0.0/16", "--refuse-range", "fd00:1234::/32", "--ca-file", ca, "--ehlo-name", "Probe.Example.NET", "--timeout", "7.5");

            Assert.Equal(["127.0.0.1:5353", "[::1]:53"], options.DnsServers);
            Assert.True(options.TrustResolverDnssec);
            Assert.Equal(2525, options.SmtpPort);
            Assert.Equal(8443, options.HttpsPort);
            Assert.True(options.AllowPrivateNetworks);
            Assert.Equal(["10.20.0.0/16", "fd00:1234::/32"], options.ExtraRefusedRanges);
            Assert.Equal(Path.GetFullPath(ca), options.ExtraTrustedCaFile);
            Assert.Equal("probe.example.net", options.EhloName);
            Assert.Equal(TimeSpan.FromSeconds(7.5), options.DomainTimeout);
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1:53")]
    [InlineData("127.0.0.1:5353", "127.0.0.1:5353")]
    [InlineData("::1", "[::1]:53")]
    [InlineData("[::1]:5300", "[::1]:5300")]
    public void A_dns_server_without_a_port_uses_port_53(string flag, string expected)
        => Assert.Equal([expected], Options("example.com", "--dns-server", flag).DnsServers);

    [Fact]
    public void The_timeout_caps_every_step_deadline()
    {
        var options = Options("example.com", "--timeout", "2");

        Assert.Equal(TimeSpan.FromSeconds(2), options.DomainTimeout);
        Assert.All([options.DnsTimeout, options.ConnectTimeout, options.SmtpCommandTimeout, options.TlsHandshakeTimeout, options.MtaStsFetchTimeout],
            t => Assert.True(t <= TimeSpan.FromSeconds(2)));
    }

    [Theory]
    [InlineData("--dns-server", "1.2.3")]
    [InlineData("--dns-server", "010.1.1.1")]
    [InlineData("--dns-server", "dns.example.com")]
    [InlineData("--dns-server", "1.2.3.4:0")]
    [InlineData("--dns-server", "1.2.3.4:65536")]
    [InlineData("--dns-server", "1.2.3.4:port")]
    [InlineData("--smtp-port", "0")]
    [InlineData("--smtp-port", "70000")]
    [InlineData("--smtp-port", "twenty-five")]
    [InlineData("--https-port", "0")]
    [InlineData("--timeout", "0")]
    [InlineData("--timeout", "-3")]
    [InlineData("--timeout", "soon")]
    [InlineData("--ca-file", "/no/such/file.pem")]
    [InlineData("--ehlo-name", "not a name")]
    [InlineData("--ehlo-name", "me@example.com")]
    [InlineData("--refuse-range", "10.20.0.1/16")]
    [InlineData("--refuse-range", "intranet")]
    public void Invalid_flag_values_are_parse_errors(string flag, string value)
    {
        var (result, _) = Parse("example.com", flag, value);

        Assert.NotEmpty(result.Errors);
    }
}
