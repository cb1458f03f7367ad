using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Scheduling;
using TlsPreflight.Probing.Telemetry;

namespace TlsPreflight.Probing.Smtp;

/// <summary>Good citizenship for SMTP probes (PRODUCT.md "Running it"): one result per MX host and address, reused
/// for <see cref="ProbingOptions.MxResultCacheLifetime"/> and shared while in flight, so domains sharing mail servers
/// cost one probe. Probes run in the scheduler's SMTP lane: at most one connection at a time per address gate,
/// at most MaxConcurrentProbes in all, fairly per requester. A probe still waiting when its last caller has gone
/// is dropped; one that has started finishes under its own step deadlines and is kept. At most
/// <see cref="ProbingOptions.MxResultCacheSize"/> results are kept.</summary>
public sealed class MxProbeCache : IDisposable
{
    /// <summary>The error of a probe the SMTP queue had no room for.</summary>
    public const string QueueFull = "not dialled: too many SMTP probes are waiting here (rate limited); ask again shortly";

    private readonly StartTlsProbe probe;
    private readonly SmtpEgressMonitor egress;
    private readonly ProbeScheduler scheduler;
    private readonly TimeProvider time;
    private readonly ProbingOptions o;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = [];
    // A started probe outlives the callers that asked (others may share it); each step still has its own deadline.
    private readonly CancellationTokenSource lifetime = new();
    private int probesStarted;

    public MxProbeCache(StartTlsProbe probe, SmtpEgressMonitor egress, ProbeScheduler scheduler, TimeProvider time, IOptions<ProbingOptions> options)
    {
        this.probe = probe;
        this.egress = egress;
        this.scheduler = scheduler;
        this.time = time;
        o = options.Value;
    }

    /// <summary>SMTP conversations actually started (not served from the cache).</summary>
    public int ProbesStarted => Volatile.Read(ref probesStarted);

    /// <summary>Results and probes in flight held now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
                return entries.Count;
        }
    }

    /// <summary>The probe result for the MX host at this address: cached, in flight, or queued now for the requester.
    /// <paramref name="cancellationToken"/> stops this caller's wait; when no caller waits any more, a queued probe is dropped.</summary>
    public async Task<SmtpProbeResult> GetAsync(string mxHost, IPAddress address, ProbeRequester requester, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = $"{mxHost}|{AddressGateKey.Canonical(address)}|{o.SmtpPort}";
        var now = time.GetUtcNow();
        Entry entry;
        lock (gate)
        {
            var hit = entries.TryGetValue(key, out var found) && found.Usable(now, o.MxResultCacheLifetime);
            EngineTelemetry.CacheLookup("mx-probe", hit);
            if (!hit || found is null)
            {
                if (entries.Count >= o.MxResultCacheSize)
                    Prune(now);
                found = new Entry(key, now);
                entries[key] = found;
                found.Result = QueueAsync(found, mxHost, address, requester);
            }
            entry = found;
            entry.Waiters++;
        }

        try
        {
            return await entry.Result.WaitAsync(cancellationToken);
        }
        finally
        {
            Leave(entry);
        }
    }

    private async Task<SmtpProbeResult> QueueAsync(Entry entry, string mxHost, IPAddress address, ProbeRequester requester)
    {
        var asker = Activity.Current; // the domain that queued it; the slot may be handed over from another's context
        await Task.Yield(); // the entry is in the table before anything can complete it
        return await scheduler.RunAsync(ProbeLane.Smtp, requester, AddressGateKey.For(address),
            _ => RunAsync(entry, mxHost, address, asker),
            () =>
            {
                entry.Uncacheable = true;
                return new SmtpProbeResult(address.ToString(), o.SmtpPort, ProbeOutcome.RateLimited, ProbeStep.Queue, QueueFull,
                    null, null, false, null, new ProbeTimings(0, 0, 0, 0, 0, 0));
            },
            entry.Abandoned.Token);
    }

    private async Task<SmtpProbeResult> RunAsync(Entry entry, string mxHost, IPAddress address, Activity? asker)
    {
        entry.Started = true;
        Interlocked.Increment(ref probesStarted);
        using var span = EngineTelemetry.StartProbe(mxHost, address, asker);
        var started = Stopwatch.GetTimestamp();
        var result = await probe.ProbeAsync(mxHost, address, lifetime.Token);
        EngineTelemetry.ProbeEnded(result, Stopwatch.GetElapsedTime(started));
        egress.Record(result);
        return result;
    }

    /// <summary>The last caller of a probe that has not started withdraws it from the queue.</summary>
    private void Leave(Entry entry)
    {
        bool abandon;
        lock (gate)
        {
            entry.Waiters--;
            abandon = entry.Waiters == 0 && !entry.Started && !entry.Result.IsCompleted;
            if (abandon && entries.TryGetValue(entry.Key, out var current) && current == entry)
                entries.Remove(entry.Key);
        }
        if (abandon)
            entry.Abandoned.Cancel();
    }

    /// <summary>Drop expired results; when still full, the oldest finished ones, down to nine tenths of the bound.
    /// Probes in flight stay: the scheduler's queue bounds already limit them.</summary>
    private void Prune(DateTimeOffset now)
    {
        var finished = entries.Values.Where(e => e.Result.IsCompleted).OrderBy(e => e.Created).ToList();
        foreach (var old in finished.Where(e => !e.Usable(now, o.MxResultCacheLifetime)))
            entries.Remove(old.Key);
        var target = o.MxResultCacheSize - Math.Max(1, o.MxResultCacheSize / 10);
        foreach (var old in finished.Where(e => entries.ContainsKey(e.Key)))
        {
            if (entries.Count <= target)
                break;
            entries.Remove(old.Key);
        }
    }

    public void Dispose()
    {
        lifetime.Cancel();
        lifetime.Dispose();
    }

    private sealed class Entry(string key, DateTimeOffset created)
    {
        public string Key { get; } = key;
        public DateTimeOffset Created { get; } = created;
        public Task<SmtpProbeResult> Result { get; set; } = null!;
        public CancellationTokenSource Abandoned { get; } = new();
        /// <summary>Guarded by the cache's lock.</summary>
        public int Waiters { get; set; }
        public volatile bool Started;
        public volatile bool Uncacheable;

        /// <summary>Reusable: in flight, or a real result younger than the lifetime.</summary>
        public bool Usable(DateTimeOffset now, TimeSpan lifetime)
            => !Result.IsCompleted || (Result.IsCompletedSuccessfully && !Uncacheable && now - Created <= lifetime);
    }
}
