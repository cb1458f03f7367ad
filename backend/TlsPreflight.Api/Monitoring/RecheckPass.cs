using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Monitoring.Alerts;
using TlsPreflight.Api.Storage;

namespace TlsPreflight.Api.Monitoring;

/// <summary>One pass of the partner monitor: bring the watched set up to date, then re-check every due domain this
/// instance can claim. The claim is a lease on the domain's row (a conditional UPDATE, atomic on PostgreSQL and
/// SQLite alike), so with several instances each re-check runs on exactly one, once per interval.</summary>
public sealed partial class RecheckPass(
    IServiceScopeFactory scopes,
    AssessmentService assessments,
    PostureMemory memory,
    WebhookSender webhooks,
    IOptions<MonitoringOptions> options,
    TimeProvider clock,
    ILogger<RecheckPass> logger)
{
    /// <summary>Names this instance in lease rows.</summary>
    public string InstanceId { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <returns>How many domains this instance re-checked.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var watchers = await scope.ServiceProvider.GetRequiredService<WatchList>().AllAsync(cancellationToken);
        await SyncAsync(db, watchers.Keys, cancellationToken);
        memory.Forget();

        var now = clock.GetUtcNow();
        var due = await db.WatchedDomains.AsNoTracking()
            .Where(w => w.NextCheck <= now && (w.LeaseUntil == null || w.LeaseUntil < now))
            .OrderBy(w => w.NextCheck).Select(w => w.Domain)
            .ToListAsync(cancellationToken);
        var checkedCount = 0;
        foreach (var domain in due)
        {
            if (await ClaimAsync(db, domain, cancellationToken))
            {
                await RecheckAsync(db, domain, watchers.GetValueOrDefault(domain) ?? [], cancellationToken);
                checkedCount++;
            }
        }

        await PostureRecorder.PurgeAsync(db, clock.GetUtcNow().AddDays(-options.Value.HistoryDays), cancellationToken);
        return checkedCount;
    }

    private async Task RecheckAsync(AppDbContext db, string domain, IReadOnlyList<string> tenants, CancellationToken cancellationToken)
    {
        var live = await assessments.RecheckAsync(domain, RecheckDeadline, cancellationToken);
        db.ChangeTracker.Clear();
        var remembered = await memory.FindingsAsync(db, live, cancellationToken);
        var change = await PostureRecorder.RecordAsync(db, live, remembered, clock.GetUtcNow(), cancellationToken);
        memory.Forget();
        var now = clock.GetUtcNow();
        var next = now + Jittered(options.Value.Interval, options.Value.Jitter);
        await db.WatchedDomains.Where(w => w.Domain == domain && w.LeaseOwner == InstanceId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(w => w.NextCheck, next)
                .SetProperty(w => w.LeaseOwner, (string?)null)
                .SetProperty(w => w.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(w => w.Level, live.Level)
                .SetProperty(w => w.LastChecked, now), cancellationToken);
        if (change != null)
        {
            LogChanged(logger, domain, change.LevelBefore, change.LevelAfter);
            await webhooks.SendAsync(db, change, tenants, cancellationToken);
        }
    }

    private async Task<bool> ClaimAsync(AppDbContext db, string domain, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now + options.Value.Lease;
        var claimed = await db.WatchedDomains
            .Where(w => w.Domain == domain && w.NextCheck <= now && (w.LeaseUntil == null || w.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseOwner, InstanceId).SetProperty(w => w.LeaseUntil, until), cancellationToken);
        return claimed == 1;
    }

    /// <summary>New watched domains are due at once; domains no tenant watches any more stop being checked (their history stays).</summary>
    private async Task SyncAsync(AppDbContext db, IEnumerable<string> watched, CancellationToken cancellationToken)
    {
        var wanted = watched.ToHashSet(StringComparer.Ordinal);
        var existing = (await db.WatchedDomains.AsNoTracking().Select(w => w.Domain).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var gone = existing.Except(wanted).ToList();
        if (gone.Count > 0)
        {
            await db.WatchedDomains.Where(w => gone.Contains(w.Domain)).ExecuteDeleteAsync(cancellationToken);
        }

        var now = clock.GetUtcNow();
        foreach (var domain in wanted.Except(existing))
        {
            db.WatchedDomains.Add(new WatchedDomainRow { Domain = domain, NextCheck = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance added it first: the same row, nothing lost.
            }

            db.ChangeTracker.Clear();
        }
    }

    private TimeSpan RecheckDeadline => TimeSpan.FromMinutes(2);

    /// <summary>The interval moved by up to ±jitter of itself, so domains added together spread out.</summary>
    public static TimeSpan Jittered(TimeSpan interval, double jitter)
        => interval * (1 + (Random.Shared.NextDouble() * 2 - 1) * Math.Clamp(jitter, 0, 0.5));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Domain} changed: {Before} -> {After}")]
    private static partial void LogChanged(ILogger logger, string domain, Probing.Model.SecurityLevel before, Probing.Model.SecurityLevel after);
}
