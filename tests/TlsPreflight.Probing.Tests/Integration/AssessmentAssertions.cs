using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Tests.Integration;

internal static class AssessmentAssertions
{
    public static void HasFinding(this DomainAssessment assessment, string code)
        => Assert.True(assessment.Findings.Any(f => f.Code == code),
            $"expected finding {code}; got {string.Join(", ", assessment.Findings.Select(f => f.Code))}");

    public static void LacksFinding(this DomainAssessment assessment, string code)
        => Assert.False(assessment.Findings.Any(f => f.Code == code), $"unexpected finding {code}");

    public static SmtpProbeResult OnlyProbe(this DomainAssessment assessment)
        => Assert.Single(Assert.Single(assessment.MxHosts).Probes);
}
