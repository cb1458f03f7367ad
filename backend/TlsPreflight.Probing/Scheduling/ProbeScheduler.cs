using System.Diagnostics;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Telemetry;

namespace TlsPreflight.Probing.Scheduling;

/// <summary>All of the engine's network work goes through here: DNS questions, SMTP probes and MTA-STS fetches,
/// each kind in its own lane with its own limit (ProbingOptions MaxConcurrent*), per-requester queues served
/// fairly, bounded queues whose overflow is a classified answer (never an exception), and work dropped while it
/// still waits when its caller gives up. What runs in a slot is any Func: a remote prober can sit behind it.</summary>
public sealed class ProbeScheduler
{
    private readonly Dictionary<ProbeLane, FairLane> lanes;

    public ProbeScheduler(IOptions<ProbingOptions> options)
    {
        var o = options.Value;
        lanes = new()
        {
            [ProbeLane.Dns] = new FairLane(o.MaxConcurrentDnsQueries, o.MaxQueuedPerTenant, o.MaxQueued),
            [ProbeLane.Smtp] = new FairLane(o.MaxConcurrentProbes, o.MaxQueuedPerTenant, o.MaxQueued),
            [ProbeLane.Https] = new FairLane(o.MaxConcurrentPolicyFetches, o.MaxQueuedPerTenant, o.MaxQueued),
        };
    }

    /// <summary>Runs <paramref name="work"/> when the requester's turn comes in the lane.</summary>
    /// <param name="gateKey">Work with the same key runs one at a time (<see cref="AddressGateKey"/>); null: no gate.</param>
    /// <param name="whenFull">The answer when the requester's queue, or the lane's, is full.</param>
    /// <param name="cancellationToken">While waiting: withdraws the work (OperationCanceledException). Once running: passed to it.</param>
    public async Task<T> RunAsync<T>(ProbeLane lane, ProbeRequester requester, string? gateKey, Func<CancellationToken, Task<T>> work,
        Func<T> whenFull, CancellationToken cancellationToken)
    {
        var wait = EngineTelemetry.Queued(LaneName(lane));
        var asker = Activity.Current; // a freed slot starts the next item from the finisher's context: trace it under its asker
        try
        {
            return await lanes[lane].RunAsync(requester, gateKey, async token =>
            {
                wait.Ran();
                Activity.Current = asker;
                return await work(token);
            }, whenFull, cancellationToken);
        }
        finally
        {
            wait.Left();
        }
    }

    private static string LaneName(ProbeLane lane) => lane switch
    {
        ProbeLane.Dns => "dns",
        ProbeLane.Smtp => "smtp",
        _ => "https",
    };

    public LaneLoad Load(ProbeLane lane) => lanes[lane].Load;
}
