using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace TlsPreflight.Probing.MtaSts;

/// <summary>Failed policy fetches of domains without a cached policy, held for ProbingOptions.MtaStsFetchBackoff so
/// the policy host is not asked again on every assessment. RFC 8461 §3.3: without a policy the sender goes on as if
/// the domain had no MTA-STS, so nothing is lost by waiting; a new record id (a new policy) ends the wait at once.</summary>
public sealed class MtaStsFetchBackoff(TimeProvider time, IOptions<ProbingOptions> options)
{
    /// <summary>Past this many entries the expired ones are dropped.</summary>
    private const int PruneAbove = 10_000;
    private readonly TimeSpan wait = options.Value.MtaStsFetchBackoff;
    private readonly ConcurrentDictionary<string, FailedFetch> failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A failed fetch under this record id whose back-off has not run out, if any.</summary>
    public FailedFetch? Current(string domain, string recordId)
        => failures.TryGetValue(domain, out var failed) && failed.RecordId == recordId && failed.RetryAfter > time.GetUtcNow()
            ? failed
            : null;

    /// <summary>Remember a failed fetch; returns what was stored (null when back-off is off).</summary>
    public FailedFetch? Failed(string domain, string recordId, MtaStsFetchResult result)
    {
        if (wait <= TimeSpan.Zero)
            return null;
        var now = time.GetUtcNow();
        if (failures.Count >= PruneAbove)
            foreach (var (key, old) in failures)
                if (old.RetryAfter <= now)
                    failures.TryRemove(key, out _);
        return failures[domain] = new FailedFetch(recordId, result, now, now + wait);
    }

    public void Succeeded(string domain) => failures.TryRemove(domain, out _);
}

/// <summary>One failed fetch: what it returned, when, and when the next fetch may happen.</summary>
public sealed record FailedFetch(string RecordId, MtaStsFetchResult Result, DateTimeOffset At, DateTimeOffset RetryAfter);
