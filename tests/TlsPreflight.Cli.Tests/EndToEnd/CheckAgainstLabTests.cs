using System.Text.Json;

namespace TlsPreflight.Cli.Tests.EndToEnd;

/// <summary>`tlspreflight check` with the real engine against real servers on loopback; in-process, or the published
/// binary as a process when TLSPREFLIGHT_CLI_BINARY is set (<see cref="CliRun"/>).</summary>
public sealed class CheckAgainstLabTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    private Task<int> Check(params string[] args)
        => CliRun.RunAsync(["check", .. args], _stdout, _stderr, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Every_lab_domain_gets_its_expected_level_in_json()
    {
        var expected = fixture.Lab.ExpectedLevels;

        var exit = await Check([.. expected.Keys, "--json", "--allow-private-networks", .. fixture.LabFlags]);

        Assert.True(exit == 0, _stderr.ToString());
        using var doc = JsonDocument.Parse(_stdout.ToString());
        var levels = doc.RootElement.GetProperty("domains").EnumerateArray()
            .ToDictionary(d => d.GetProperty("domain").GetString()!, d => d.GetProperty("level").GetString()!);
        Assert.Equal(expected.OrderBy(p => p.Key), levels.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task The_table_shows_the_verified_mx_with_its_tls_version_and_certificate()
    {
        var exit = await Check(["postmaster@verified.lab.test", "--allow-private-networks", .. fixture.LabFlags]);

        Assert.True(exit == 0, _stderr.ToString());
        var text = _stdout.ToString();
        Assert.StartsWith("verified.lab.test: verified", text);
        Assert.Matches(@"mx\.verified\.lab\.test\s+10\s+127\.\S+\s+yes\s+TLSv1\.[23]\s+valid to \d{4}-\d\d-\d\d\s+none\s+-\s+verified\s+\d+ ms", text);
    }

    [Fact]
    public async Task Without_allow_private_networks_the_loopback_mx_is_not_dialled_and_the_level_is_unknown()
    {
        // Outside labs `.test` names are reserved and not looked up at all, so the domain here is an ordinary name.
        var name = $"plaintext-{Guid.NewGuid():N}.lab-tlspreflight.net";
        fixture.Lab.Zone.Mx(name, 10, "mx.plaintext.lab.test");

        var exit = await Check([name, "--json", .. fixture.LabFlags]);

        Assert.True(exit == 0, _stderr.ToString());
        using var doc = JsonDocument.Parse(_stdout.ToString());
        var domain = doc.RootElement.GetProperty("domains")[0];
        Assert.Equal("unknown", domain.GetProperty("level").GetString());
        Assert.Contains(domain.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "mx-private-address");
    }

    [Fact]
    public async Task Help_exits_0_and_lists_every_flag()
    {
        var exit = await Check("--help");

        Assert.Equal(0, exit);
        foreach (var flag in new[] { "--json", "--dns-server", "--dnssec", "--smtp-port", "--https-port", "--allow-private-networks", "--ca-file", "--ehlo-name", "--timeout" })
            Assert.Contains(flag, _stdout.ToString());
    }

    [Fact]
    public async Task An_invalid_domain_exits_2_with_one_line_and_no_output()
    {
        var exit = await Check(["not a domain!", .. fixture.LabFlags]);

        Assert.Equal(2, exit);
        Assert.Empty(_stdout.ToString());
        Assert.Contains("not a domain!", Assert.Single(_stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
