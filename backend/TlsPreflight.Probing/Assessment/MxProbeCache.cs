using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Smtp;

namespace TlsPreflight.Probing.Assessment;

/// <summary>Good citizenship for SMTP probes (PRODUCT.md "Running it"): one result per MX host and address, reused
/// for <see cref="ProbingOptions.MxResultCacheLifetime"/> and shared while in flight, so domains sharing mail servers
/// cost one probe; at most one connection at a time per MX address; at most MaxConcurrentProbes in all.</summary>
public sealed class MxProbeCache : IDisposable
{
    private const int SweepAbove = 10_000;
    private readonly StartTlsProbe probe;
    private readonly SmtpEgressMonitor egress;
    private readonly TimeProvider time;
    private readonly ProbingOptions o;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = [];
    private readonly ConcurrentDictionary<string, SemaphoreSlim> addressGates = new();
    private readonly SemaphoreSlim global;
    // Probes outlive the callers that asked (others may share them); each step still has its own deadline.
    private readonly CancellationTokenSource lifetime = new();
    private int probesStarted;

    public MxProbeCache(StartTlsProbe probe, SmtpEgressMonitor egress, TimeProvider time, IOptions<ProbingOptions> options)
    {
        this.probe = probe;
        this.egress = egress;
        this.time = time;
        o = options.Value;
        global = new SemaphoreSlim(Math.Max(1, o.MaxConcurrentProbes));
    }

    /// <summary>SMTP conversations actually started (not served from the cache).</summary>
    public int ProbesStarted => Volatile.Read(ref probesStarted);

    /// <summary>The probe result for the MX host at this address: cached, in flight, or started now.
    /// <paramref name="cancellationToken"/> only stops this caller's wait.</summary>
    public Task<SmtpProbeResult> GetAsync(string mxHost, IPAddress address, CancellationToken cancellationToken)
    {
        var key = $"{mxHost}|{address}|{o.SmtpPort}";
        var now = time.GetUtcNow();
        Entry? entry;
        lock (gate)
        {
            if (!entries.TryGetValue(key, out entry) || now - entry.Started > o.MxResultCacheLifetime)
            {
                if (entries.Count > SweepAbove)
                    Sweep(now);
                entry = new Entry(Task.Run(() => RunAsync(mxHost, address), CancellationToken.None), now);
                entries[key] = entry;
            }
        }
        return entry.Result.WaitAsync(cancellationToken);
    }

    private async Task<SmtpProbeResult> RunAsync(string mxHost, IPAddress address)
    {
        var token = lifetime.Token;
        var addressGate = addressGates.GetOrAdd(address.ToString(), _ => new SemaphoreSlim(1, 1));
        await addressGate.WaitAsync(token);
        try
        {
            await global.WaitAsync(token);
            try
            {
                Interlocked.Increment(ref probesStarted);
                var result = await probe.ProbeAsync(mxHost, address, token);
                egress.Record(result);
                return result;
            }
            finally
            {
                global.Release();
            }
        }
        finally
        {
            addressGate.Release();
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, old) in entries.Where(e => now - e.Value.Started > o.MxResultCacheLifetime).ToList())
            if (old.Result.IsCompleted)
                entries.Remove(key);
    }

    public void Dispose()
    {
        lifetime.Cancel();
        lifetime.Dispose();
    }

    private sealed record Entry(Task<SmtpProbeResult> Result, DateTimeOffset Started);
}
