using System.Diagnostics;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Telemetry;

namespace TlsPreflight.Probing.Smtp;

/// <summary>Runs each step of a probe under its own deadline, linked to the caller's token, and keeps the
/// time spent per step. A step whose deadline passes ends in <see cref="StepTimeoutException"/>;
/// cancellation by the caller propagates unchanged.</summary>
internal sealed class ProbeSteps(CancellationToken caller)
{
    private readonly Stopwatch total = Stopwatch.StartNew();
    private readonly Dictionary<ProbeStep, long> elapsed = [];

    /// <summary>The step running now or the last one that ran.</summary>
    public ProbeStep Current { get; private set; } = ProbeStep.Connect;

    public long TotalMs => total.ElapsedMilliseconds;

    public long Ms(ProbeStep step) => elapsed.GetValueOrDefault(step);

    public async Task RunAsync(ProbeStep step, TimeSpan timeout, Func<CancellationToken, Task> action)
        => await RunAsync(step, timeout, async token => { await action(token); return true; });

    public async Task<T> RunAsync<T>(ProbeStep step, TimeSpan timeout, Func<CancellationToken, Task<T>> action)
    {
        Current = step;
        using var span = EngineTelemetry.StartStep(step, null);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
        deadline.CancelAfter(timeout);
        var watch = Stopwatch.StartNew();
        try
        {
            return await action(deadline.Token);
        }
        catch (Exception e) when (deadline.IsCancellationRequested && !caller.IsCancellationRequested && e is not StepTimeoutException)
        {
            // Whatever the stream threw once our deadline fired (OperationCanceled, IOException), it is a timeout.
            throw new StepTimeoutException(step, timeout);
        }
        finally
        {
            elapsed[step] = elapsed.GetValueOrDefault(step) + watch.ElapsedMilliseconds;
            EngineTelemetry.StepEnded(step, watch.Elapsed);
        }
    }
}

/// <summary>A probe step did not finish within its deadline.</summary>
internal sealed class StepTimeoutException(ProbeStep step, TimeSpan timeout)
    : Exception($"no answer within {timeout.TotalSeconds:0.#} s at {KebabCase.Name(step)}")
{
    public ProbeStep Step { get; } = step;
}
