using TlsPreflight.TestLab.Scenarios;

namespace TlsPreflight.Prober.Tests.Infrastructure;

/// <summary>One loopback lab (real DNS, STARTTLS SMTP servers, HTTPS for MTA-STS) per test class.</summary>
public sealed class LabFixture : IAsyncLifetime
{
    public LabScenarios Lab { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Lab = LabScenarios.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await Lab.DisposeAsync();
}
