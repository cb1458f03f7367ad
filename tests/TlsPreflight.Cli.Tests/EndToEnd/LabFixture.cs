using TlsPreflight.TestLab.Scenarios;

namespace TlsPreflight.Cli.Tests.EndToEnd;

/// <summary>The lab's real loopback DNS, SMTP and HTTPS servers, started once for the end-to-end CLI tests.</summary>
public sealed class LabFixture : IAsyncLifetime
{
    public LabScenarios Lab { get; private set; } = null!;

    /// <summary>The flags that point the CLI at the lab (its resolver sets the AD bit; its servers live on 127/8).</summary>
    public string[] LabFlags =>
    [
        "--dns-server", Lab.Dns.Address, "--smtp-port", Lab.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--https-port", Lab.Https.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--ca-file", Lab.CaFile, "--dnssec", "--timeout", "20",
    ];

    public ValueTask InitializeAsync()
    {
        Lab = LabScenarios.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Lab.DisposeAsync();
}
