using Microsoft.EntityFrameworkCore;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Storage;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Monitoring;

/// <summary>Writes a re-check into the posture history: a new row when the posture changed, else only lastSeen moves.</summary>
public static class PostureRecorder
{
    /// <returns>The change, or null when the posture is unchanged or this is the first posture seen.</returns>
    /// <remarks>An unknown result (DNS or servers unreachable this time), or the last known answer served in its place
    /// (stale-if-error), is no observation of the posture and is not written.</remarks>
    public static async Task<PostureChange?> RecordAsync(AppDbContext db, DomainAssessment live, IReadOnlyList<Finding> memory, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (live.Level == SecurityLevel.Unknown || StaleIfError.IsLastKnown(live))
        {
            return null;
        }

        var evidence = PostureEvidence.From(live);
        var fingerprint = evidence.Fingerprint();
        var latest = await db.Postures.Where(p => p.Domain == live.Domain).OrderByDescending(p => p.Time).ThenByDescending(p => p.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest != null && latest.Fingerprint == fingerprint && latest.Level == live.Level)
        {
            latest.LastSeen = now;
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }

        var codes = memory.Select(f => f.Code).Distinct(StringComparer.Ordinal).ToList();
        db.Postures.Add(new PostureRow
        {
            Domain = live.Domain,
            Time = now,
            LastSeen = now,
            Level = live.Level,
            Fingerprint = fingerprint,
            Evidence = evidence.ToJson(),
            CertificateNotAfter = evidence.EarliestNotAfter,
            Findings = codes,
        });
        await db.SaveChangesAsync(cancellationToken);
        if (latest == null)
        {
            return null;
        }

        var kind = live.Level < latest.Level ? PostureChangeKind.LevelLowered
            : live.Level > latest.Level ? PostureChangeKind.LevelRaised
            : PostureChangeKind.EvidenceChanged;
        return new PostureChange(live.Domain, kind, latest.Level, live.Level, codes, now);
    }

    /// <summary>Deletes postures last seen before the retention cut-off (Monitoring:HistoryDays), but never a domain's latest.</summary>
    public static async Task<int> PurgeAsync(AppDbContext db, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var latestIds = db.Postures.GroupBy(p => p.Domain).Select(g => g.Max(p => p.Id));
        return await db.Postures.Where(p => p.LastSeen < cutoff && !latestIds.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
