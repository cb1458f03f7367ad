using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Storage;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Monitoring;

/// <summary>Gives a live assessment the findings only memory can make (<see cref="MemoryFindings"/>), from the
/// domain's posture history. Memory adds to an answer; when the database cannot be read the live answer stands.</summary>
/// <remarks>The hot path asks for every domain of every message, so what was recalled for one cached assessment is
/// kept beside it (and goes with it) for <see cref="MonitoringOptions.RecallFreshness"/>: the history changes only when
/// a re-check writes it, which <see cref="Forget"/> announces on this instance; other instances see it within that time.</remarks>
public sealed partial class PostureMemory(IServiceScopeFactory scopes, IOptions<MonitoringOptions> options, TimeProvider clock, ILogger<PostureMemory> logger)
{
    private readonly ConditionalWeakTable<DomainAssessment, Recalled> recalled = new();
    private long generation;

    public ValueTask<DomainAssessment> RecallAsync(DomainAssessment live, CancellationToken cancellationToken)
    {
        if (live.Level == SecurityLevel.Unknown)
        {
            return ValueTask.FromResult(live);
        }

        var current = Volatile.Read(ref generation);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Posture history of {Domain} unreadable; answering without memory: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string domain, string error);
}
