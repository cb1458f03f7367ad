using System.Collections.Frozen;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Storage;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Monitoring;

/// <summary>Gives a live assessment the findings only memory can make (<see cref="MemoryFindings"/>), from the
/// domain's posture history. Memory adds to an answer; when the database cannot be read the live answer stands.</summary>
/// <remarks>The hot path asks for every domain of every message. So the names of the domains memory holds anything
/// for are read once per <see cref="MonitoringOptions.RecallFreshness"/> (any other domain is answered at once), and
/// what was recalled for one cached assessment of such a domain is kept beside it (and goes with it) for that time.
/// The history changes only when a re-check writes it, which <see cref="Forget"/> announces on this instance; other
/// instances see it within that time.</remarks>
public sealed partial class PostureMemory(IServiceScopeFactory scopes, IOptions<MonitoringOptions> options, TimeProvider clock, ILogger<PostureMemory> logger)
{
    private readonly ConditionalWeakTable<DomainAssessment, Recalled> recalled = new();
    private readonly Lock reading = new();
    private Task<FrozenSet<string>>? refreshing;
    private volatile Remembering? remembering;
    private long generation;

    public ValueTask<DomainAssessment> RecallAsync(DomainAssessment live, CancellationToken cancellationToken)
    {
        if (live.Level == SecurityLevel.Unknown)
        {
            return ValueTask.FromResult(live);
        }

        var current = Volatile.Read(ref generation);
        // Most domains have no history and are watched by nobody: nothing to recall, and nothing kept for them.
        if (Fresh(remembering, current) is { } domains && !domains.Contains(live.Domain))
        {
            return ValueTask.FromResult(live);
        }

        if (recalled.TryGetValue(live, out var held) && held.Generation == current
            && clock.GetElapsedTime(held.At) < options.Value.RecallFreshness)
        {
            return ValueTask.FromResult(held.Answer);
        }

        return new ValueTask<DomainAssessment>(ReadAsync(live, current, cancellationToken));
    }

    /// <summary>The posture history or the watch list changed here: recall again from the database.</summary>
    public void Forget() => Interlocked.Increment(ref generation);

    private async Task<DomainAssessment> ReadAsync(DomainAssessment live, long readAtGeneration, CancellationToken cancellationToken)
    {
        try
        {
            var started = clock.GetTimestamp();
            if (!(await RememberedDomainsAsync(readAtGeneration, cancellationToken)).Contains(live.Domain))
            {
                return live;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

            var found = await FindingsAsync(db, live, cancellationToken);
            var answer = found.Count == 0 ? live : live with { Findings = [.. live.Findings, .. found] };
            recalled.AddOrUpdate(live, new Recalled(answer, readAtGeneration, started));
            return answer;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or DbUpdateException)
        {
            LogUnreadable(logger, live.Domain, e.Message);
            return live;
        }
    }

    /// <summary>The domains memory holds anything for (a posture within the downgrade window, or a watch), read once
    /// per <see cref="MonitoringOptions.RecallFreshness"/>: every caller meanwhile awaits the same read, so a slow or
    /// failing database is asked once, not once per request.</summary>
    private Task<FrozenSet<string>> RememberedDomainsAsync(long readAtGeneration, CancellationToken cancellationToken)
    {
        if (Fresh(remembering, readAtGeneration) is { } domains)
        {
            return Task.FromResult(domains);
        }

        lock (reading)
        {
            if (refreshing is not { IsCompleted: false })
            {
                refreshing = ReadRememberedDomainsAsync(readAtGeneration);
            }

            return refreshing.WaitAsync(cancellationToken);
        }
    }

    private async Task<FrozenSet<string>> ReadRememberedDomainsAsync(long readAtGeneration)
    {
        var started = clock.GetTimestamp();
        var since = clock.GetUtcNow() - options.Value.DowngradeWindow;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var postured = await db.Postures.AsNoTracking().Where(p => p.LastSeen >= since).Select(p => p.Domain).Distinct().ToListAsync();
        var watched = await db.WatchedDomains.AsNoTracking().Select(w => w.Domain).ToListAsync();
        var read = postured.Concat(watched).ToFrozenSet(StringComparer.Ordinal);
        remembering = new Remembering(read, readAtGeneration, started);
        return read;
    }

    private FrozenSet<string>? Fresh(Remembering? held, long currentGeneration)
        => held != null && held.Generation == currentGeneration && clock.GetElapsedTime(held.At) < options.Value.RecallFreshness ? held.Domains : null;

    /// <summary>The memory findings for <paramref name="live"/> against what <paramref name="db"/> remembers.</summary>
    public async Task<IReadOnlyList<Finding>> FindingsAsync(AppDbContext db, DomainAssessment live, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now - options.Value.DowngradeWindow;
        var rows = await db.Postures.AsNoTracking()
            .Where(p => p.Domain == live.Domain && p.LastSeen >= since)
            .Select(p => new { p.Level, p.Evidence, p.LastSeen })
            .ToListAsync(cancellationToken);
        var watched = await db.WatchedDomains.AsNoTracking().AnyAsync(w => w.Domain == live.Domain, cancellationToken);
        if (rows.Count == 0 && !watched)
        {
            return [];
        }

        var history = rows
            .Select(r => PostureEvidence.FromJson(r.Evidence) is { } evidence ? new RememberedPosture(r.Level, evidence, r.LastSeen) : null)
            .OfType<RememberedPosture>()
            .OrderByDescending(r => r.LastSeen)
            .ToList();
        return MemoryFindings.For(live, history, watched, options.Value, now);
    }

    private sealed record Recalled(DomainAssessment Answer, long Generation, long At);

    private sealed record Remembering(FrozenSet<string> Domains, long Generation, long At);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posture history of {Domain} unreadable; answering without memory: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string domain, string error);
}
