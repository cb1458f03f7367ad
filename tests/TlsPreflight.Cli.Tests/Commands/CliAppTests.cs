using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Cli.Tests.Commands;

/// <summary>The real entry point, in-process, with stdout and stderr captured and the engine replaced.</summary>
public sealed class CliAppTests
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    private static DomainAssessment Assessment(string domain, SecurityLevel level) => new(domain, level,
        [new Finding(FindingCodes.NullMx)], [], MtaStsReport.NoRecord, DaneReport.None, TlsRptReport.None, DateTimeOffset.UnixEpoch, 42);

    private async Task<int> Run(RecordingAssessor.Script script, params string[] args)
        => await CliApp.RunAsync(args, _stdout, _stderr,
            services => services.AddSingleton(script).AddSingleton<IDomainAssessor, RecordingAssessor>(),
            TestContext.Current.CancellationToken);

    private static RecordingAssessor.Script Answering(SecurityLevel level = SecurityLevel.NoMail)
        => new() { Respond = requested => [.. requested.Select(d => Assessment(d.Split('@')[^1], level))] };

    [Fact]
    public async Task Check_assesses_the_domains_and_exits_0_with_a_table()
    {
        var script = Answering();

        var exit = await Run(script, "check", "example.com", "bob@example.org");

        Assert.Equal(0, exit);
        Assert.Equal(["example.com", "bob@example.org"], script.Requested);
        Assert.Contains("example.com: no-mail", _stdout.ToString());
        Assert.Contains("example.org: no-mail", _stdout.ToString());
        Assert.Contains("null MX", _stdout.ToString());
        Assert.Equal("", _stderr.ToString());
    }

    [Fact]
    public async Task Check_with_json_writes_the_domains_array()
    {
        var exit = await Run(Answering(SecurityLevel.Plaintext), "check", "example.com", "--json");

        Assert.Equal(0, exit);
        using var doc = JsonDocument.Parse(_stdout.ToString());
        var domain = Assert.Single(doc.RootElement.GetProperty("domains").EnumerateArray());
        Assert.Equal("example.com", domain.GetProperty("domain").GetString());
        Assert.Equal("plaintext", domain.GetProperty("level").GetString());
    }

    [Fact]
    public async Task The_flags_reach_the_engine_as_probing_options()
    {
        var script = Answering();

        await Run(script, "check", "example.com", "--dns-server", "127.0.0.1:5300", "--smtp-port", "2525", "--allow-private-networks", "--dnssec");

        Assert.NotNull(script.SeenOptions);
        Assert.Equal(["127.0.0.1:5300"], script.SeenOptions.DnsServers);
        Assert.Equal(2525, script.SeenOptions.SmtpPort);
        Assert.True(script.SeenOptions.AllowPrivateNetworks);
        Assert.True(script.SeenOptions.TrustResolverDnssec);
    }

    [Theory]
    [InlineData("not a domain")]
    [InlineData("exa_mple.com")]
    [InlineData("@example.com")]
    [InlineData("[192.0.2.1]")]
    public async Task An_invalid_domain_exits_2_with_one_line_and_no_assessment(string input)
    {
        var script = Answering();

        var exit = await Run(script, "check", "example.com", input);

        Assert.Equal(2, exit);
        Assert.Empty(script.Requested);
        Assert.Equal("", _stdout.ToString());
        var line = Assert.Single(_stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"'{input}'", line);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("inspect example.com")]
    [InlineData("check example.com --bogus")]
    [InlineData("check example.com --smtp-port zero")]
    [InlineData("check example.com --dns-server 8.8.8")]
    [InlineData("check example.com --timeout 0")]
    [InlineData("check example.com --ca-file /no/such.pem")]
    public async Task Usage_errors_exit_2_with_one_line_on_stderr(string commandLine)
    {
        var script = Answering();

        var exit = await Run(script, commandLine.Split(' '));

        Assert.Equal(2, exit);
        Assert.Empty(script.Requested);
        Assert.Single(_stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_failure_inside_the_engine_exits_1_with_one_line()
    {
        var script = new RecordingAssessor.Script { Respond = _ => throw new InvalidOperationException("engine broke") };

        var exit = await Run(script, "check", "example.com");

        Assert.Equal(1, exit);
        var line = Assert.Single(_stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("engine broke", line);
    }

    [Fact]
    public async Task Help_exits_0_and_lists_every_flag()
    {
        var exit = await Run(Answering(), "check", "--help");

        Assert.Equal(0, exit);
        foreach (var flag in new[] { "--json", "--dns-server", "--dnssec", "--smtp-port", "--https-port", "--allow-private-networks", "--ca-file", "--ehlo-name", "--timeout" })
        {
            Assert.Contains(flag, _stdout.ToString());
        }
    }
}
