using Microsoft.Extensions.Options;

namespace TlsPreflight.Api.Monitoring;

/// <summary>Runs a <see cref="RecheckPass"/> every Monitoring:Tick while Monitoring:Enabled. A failed pass is logged and
/// the next tick tries again: the monitor never takes the service down.</summary>
public sealed partial class PartnerMonitor(RecheckPass pass, IOptions<MonitoringOptions> options, TimeProvider clock, ILogger<PartnerMonitor> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Tick, clock);
        do
        {
            try
            {
                await pass.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogPassFailed(logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner monitor pass failed; next tick retries: {Error}")]
    private static partial void LogPassFailed(ILogger logger, string error);
}
