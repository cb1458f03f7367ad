using Microsoft.AspNetCore.Builder;
using TlsPreflight.Prober.Hosting;
using TlsPreflight.TestLab;

namespace TlsPreflight.Prober.Tests.Infrastructure;

/// <summary>A real prober (ProberHost, the code `dotnet run` starts) on a loopback Kestrel port, probing the lab.
/// Stopping it closes the port, so callers see a refused connection, as with a stopped agent.</summary>
public sealed class RunningAgent : IAsyncDisposable
{
    public const string Key = "agent-key-0123456789-0123456789-abcdef";
    public const string NextKey = "agent-key-next-9876543210-9876543210-fedcba";

    private WebApplication? app;

    private RunningAgent(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public bool Running => app is not null;

    public static async Task<RunningAgent> StartAsync(LoopbackLab lab, params string[] keys)
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--Logging:LogLevel:Default=Error",
            "--Prober:MaxDomainsPerBatch=20",
        };
        args.AddRange(lab.ProbingSettings.Select(s => $"--{s.Key}={s.Value}"));
        var given = keys.Length == 0 ? [Key] : keys;
        args.AddRange(given.Select((k, i) => $"--Prober:Keys:{i}={k}"));
        var app = ProberHost.Create([.. args]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new RunningAgent(app, new Uri(app.Urls.Single()));
    }

    public async Task StopAsync()
    {
        if (app is { } running)
        {
            app = null;
            await running.StopAsync(TestContext.Current.CancellationToken);
            await running.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
