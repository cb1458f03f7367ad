using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Tests.Infrastructure;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Api.Tests.Unit;

public sealed class AssessmentLifetimeTests
{
    private static readonly AssessmentOptions Options = new();

    [Theory]
    [InlineData(SecurityLevel.Unknown, 2)]
    [InlineData(SecurityLevel.NoMail, 30)]
    [InlineData(SecurityLevel.Plaintext, 30)]
    [InlineData(SecurityLevel.Encrypted, 30)]
    [InlineData(SecurityLevel.Verified, 360)]
    [InlineData(SecurityLevel.Enforced, 360)]
    public void For_is_short_for_unknown_and_longer_for_strong_levels(SecurityLevel level, int minutes)
        => Assert.Equal(TimeSpan.FromMinutes(minutes), AssessmentLifetime.For(ScriptedAssessor.Assessment("a.test", level), Options));

    [Fact]
    public void For_never_exceeds_the_mta_sts_max_age()
    {
        var assessment = ScriptedAssessor.Assessment("a.test", SecurityLevel.Enforced) with
        {
            MtaSts = new MtaStsReport(MtaStsStatus.Valid, "id1", MtaStsMode.Enforce, 600, ["mx.a.test"], null, false),
        };
        Assert.Equal(TimeSpan.FromMinutes(10), AssessmentLifetime.For(assessment, Options));
    }

    [Fact]
    public void For_ignores_a_max_age_longer_than_the_level_lifetime()
    {
        var assessment = ScriptedAssessor.Assessment("a.test", SecurityLevel.Enforced) with
        {
            MtaSts = new MtaStsReport(MtaStsStatus.Valid, "id1", MtaStsMode.Enforce, 31_557_600, ["mx.a.test"], null, false),
        };
        Assert.Equal(Options.StrongLifetime, AssessmentLifetime.For(assessment, Options));
    }
}
