using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Assessments;

/// <summary>A bad answer does not overwrite a good one: a fresh `unknown` (timeout, unreachable, rate-limited,
/// DNS failure, a check still running) is answered with the last known level while that is younger than the
/// grace period, marked with <see cref="FindingCodes.LatestCheckFailed"/>; its `checkedAt` stays the time it was seen.</summary>
public static class StaleIfError
{
    /// <summary>The answer to give for <paramref name="fresh"/>, given the last known good assessment (if any).</summary>
    public static DomainAssessment Answer(DomainAssessment fresh, DomainAssessment? lastKnown, DateTimeOffset now, TimeSpan grace)
    {
        if (fresh.Level != SecurityLevel.Unknown || lastKnown is null || lastKnown.Level == SecurityLevel.Unknown
            || now - lastKnown.CheckedAt > grace)
        {
            return fresh;
        }

        // The detail names what the latest check ran into, so an admin can tell a timeout from a DNS failure.
        var why = string.Join(",", fresh.Findings.Select(f => f.Code).Distinct(StringComparer.Ordinal));
        var failed = new Finding(FindingCodes.LatestCheckFailed, null, why.Length == 0 ? null : why);
        return lastKnown with { Findings = [.. lastKnown.Findings.Where(f => f.Code != FindingCodes.LatestCheckFailed), failed] };
    }

    /// <summary>True for an answer that carries the last known level instead of the latest check's.</summary>
    public static bool IsLastKnown(DomainAssessment assessment)
    {
        // A loop, not LINQ: this runs for every domain of every request.
        foreach (var finding in assessment.Findings)
        {
            if (finding.Code == FindingCodes.LatestCheckFailed)
            {
                return true;
            }
        }

        return false;
    }
}
