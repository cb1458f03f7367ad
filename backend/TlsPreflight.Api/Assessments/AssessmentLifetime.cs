using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Assessments;

/// <summary>How long an assessment may be reused: short for unknown, longer for strong levels.</summary>
public static class AssessmentLifetime
{
    public static TimeSpan For(DomainAssessment assessment, AssessmentOptions options)
    {
        // The last known level stands in for a failed check: check again as soon as for an unknown.
        if (StaleIfError.IsLastKnown(assessment))
        {
            return options.UnknownLifetime;
        }

        var lifetime = assessment.Level switch
        {
            SecurityLevel.Unknown => options.UnknownLifetime,
            SecurityLevel.Verified or SecurityLevel.Enforced => options.StrongLifetime,
            _ => options.WeakLifetime,
        };

        // RFC 8461 §3.2: a sender may cache the policy for max_age; our result rests on it, so no longer.
        if (assessment.MtaSts.MaxAgeSeconds is > 0 and var maxAge && TimeSpan.FromSeconds(maxAge) < lifetime)
        {
            lifetime = TimeSpan.FromSeconds(maxAge);
        }

        return lifetime;
    }
}
