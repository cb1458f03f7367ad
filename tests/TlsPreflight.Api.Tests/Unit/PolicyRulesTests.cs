using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Unit;

public sealed class PolicyRulesTests
{
    public static TheoryData<SecurityLevel, SecurityLevel, PolicyAction, FailMode, PolicyAction> Matrix => new()
    {
        // level meets the requirement: allowed whatever the action or fail mode
        { SecurityLevel.Verified, SecurityLevel.Verified, PolicyAction.Block, FailMode.Safe, PolicyAction.Allow },
        { SecurityLevel.Enforced, SecurityLevel.Verified, PolicyAction.Block, FailMode.Safe, PolicyAction.Allow },
        { SecurityLevel.Encrypted, SecurityLevel.Plaintext, PolicyAction.Warn, FailMode.Open, PolicyAction.Allow },
        { SecurityLevel.Plaintext, SecurityLevel.Plaintext, PolicyAction.Block, FailMode.Safe, PolicyAction.Allow },
        // below the requirement: the rule's action
        { SecurityLevel.Plaintext, SecurityLevel.Verified, PolicyAction.Block, FailMode.Open, PolicyAction.Block },
        { SecurityLevel.Plaintext, SecurityLevel.Encrypted, PolicyAction.Warn, FailMode.Safe, PolicyAction.Warn },
        { SecurityLevel.Encrypted, SecurityLevel.Verified, PolicyAction.Warn, FailMode.Open, PolicyAction.Warn },
        { SecurityLevel.Verified, SecurityLevel.Enforced, PolicyAction.Block, FailMode.Open, PolicyAction.Block },
        { SecurityLevel.NoMail, SecurityLevel.Plaintext, PolicyAction.Block, FailMode.Open, PolicyAction.Block },
        { SecurityLevel.NoMail, SecurityLevel.Encrypted, PolicyAction.Warn, FailMode.Safe, PolicyAction.Warn },
        { SecurityLevel.Plaintext, SecurityLevel.Enforced, PolicyAction.Allow, FailMode.Safe, PolicyAction.Allow },
        // unknown: the fail mode decides, unless the rule allows anyway
        { SecurityLevel.Unknown, SecurityLevel.Encrypted, PolicyAction.Warn, FailMode.Open, PolicyAction.Warn },
        { SecurityLevel.Unknown, SecurityLevel.Encrypted, PolicyAction.Warn, FailMode.Safe, PolicyAction.Block },
        { SecurityLevel.Unknown, SecurityLevel.Verified, PolicyAction.Block, FailMode.Open, PolicyAction.Warn },
        { SecurityLevel.Unknown, SecurityLevel.Verified, PolicyAction.Block, FailMode.Safe, PolicyAction.Block },
        { SecurityLevel.Unknown, SecurityLevel.Plaintext, PolicyAction.Allow, FailMode.Safe, PolicyAction.Allow },
        { SecurityLevel.Unknown, SecurityLevel.Plaintext, PolicyAction.Allow, FailMode.Open, PolicyAction.Allow },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Decide_follows_level_required_level_action_and_fail_mode(SecurityLevel level, SecurityLevel required, PolicyAction action, FailMode failMode, PolicyAction expected)
        => Assert.Equal(expected, PolicyRules.Decide(level, new PolicyRule(required, action), PolicyRules.WhenUnknown(failMode)));

    [Fact]
    public void Decide_never_reports_an_unknown_result_as_block_under_fail_open_for_any_rule()
    {
        foreach (var required in new[] { SecurityLevel.Plaintext, SecurityLevel.Encrypted, SecurityLevel.Verified, SecurityLevel.Enforced })
        {
            foreach (var action in Enum.GetValues<PolicyAction>())
            {
                Assert.NotEqual(PolicyAction.Block, PolicyRules.Decide(SecurityLevel.Unknown, new PolicyRule(required, action), PolicyRules.WhenUnknown(FailMode.Open)));
            }
        }
    }

    [Fact]
    public void Decide_with_every_level_meeting_a_plaintext_requirement_allows_all_but_unknown_and_no_mail()
    {
        var rule = new PolicyRule(SecurityLevel.Plaintext, PolicyAction.Block);
        var decisions = Enum.GetValues<SecurityLevel>().Select(level => PolicyRules.Decide(level, rule, PolicyRules.WhenUnknown(FailMode.Safe))).ToArray();
        Assert.Equal([PolicyAction.Block, PolicyAction.Block, PolicyAction.Allow, PolicyAction.Allow, PolicyAction.Allow, PolicyAction.Allow], decisions);
    }

    [Fact]
    public void A_forced_tls_domain_whose_result_is_unknown_is_blocked_by_its_rule_even_when_the_tenant_fails_open()
    {
        var policy = TenantPolicy.Default with { ForcedTls = [new ForcedTlsRule("partner.com", SecurityLevel.Verified, PolicyAction.Block)] };

        var applied = PolicyRules.RuleFor(policy, "partner.com");

        Assert.Equal(FailMode.Open, policy.FailMode);
        Assert.Equal(PolicyAction.Block, applied.WhenUnknown);
        Assert.Equal(PolicyAction.Block, PolicyRules.Decide(SecurityLevel.Unknown, applied.Rule, applied.WhenUnknown));
    }

    [Theory]
    [InlineData(PolicyAction.Warn, FailMode.Safe, PolicyAction.Warn)]
    [InlineData(PolicyAction.Allow, FailMode.Safe, PolicyAction.Allow)]
    [InlineData(PolicyAction.Block, FailMode.Open, PolicyAction.Block)]
    public void A_forced_tls_rule_s_whenUnknown_decides_unknown_instead_of_the_fail_mode(PolicyAction whenUnknown, FailMode failMode, PolicyAction expected)
    {
        var policy = TenantPolicy.Default with
        {
            FailMode = failMode,
            ForcedTls = [new ForcedTlsRule("*.college.edu", SecurityLevel.Encrypted, PolicyAction.Block, whenUnknown)],
        };

        var applied = PolicyRules.RuleFor(policy, "cs.college.edu");

        Assert.Equal("*.college.edu", applied.Name);
        Assert.Equal(expected, PolicyRules.Decide(SecurityLevel.Unknown, applied.Rule, applied.WhenUnknown));
    }

    [Theory]
    [InlineData(FailMode.Open, PolicyAction.Warn)]
    [InlineData(FailMode.Safe, PolicyAction.Block)]
    public void The_default_rule_leaves_unknown_to_the_tenant_s_fail_mode(FailMode failMode, PolicyAction expected)
    {
        var policy = TenantPolicy.Default with
        {
            FailMode = failMode,
            ForcedTls = [new ForcedTlsRule("partner.com", SecurityLevel.Verified, PolicyAction.Block, PolicyAction.Allow)],
        };

        var applied = PolicyRules.RuleFor(policy, "other.example");

        Assert.Equal(PolicyRules.DefaultRuleName, applied.Name);
        Assert.Equal(expected, PolicyRules.Decide(SecurityLevel.Unknown, applied.Rule, applied.WhenUnknown));
    }

    [Theory]
    [InlineData("partner.com", "partner.com", true)]
    [InlineData("partner.com", "PARTNER.com", true)]
    [InlineData("partner.com", "mail.partner.com", false)]
    [InlineData("*.college.edu", "cs.college.edu", true)]
    [InlineData("*.college.edu", "college.edu", false)]
    [InlineData("*.college.edu", "a.cs.college.edu", false)]
    [InlineData("*.college.edu", "xcollege.edu", false)]
    [InlineData("*.college.edu", "cs.college.edu.evil.test", false)]
    public void PatternMatches_takes_the_wildcard_as_exactly_the_left_most_label(string pattern, string domain, bool expected)
        => Assert.Equal(expected, PolicyRules.PatternMatches(pattern, domain));

    [Fact]
    public void MatchForcedTls_prefers_an_exact_pattern_over_a_wildcard_listed_before_it()
    {
        var policy = TenantPolicy.Default with
        {
            ForcedTls =
            [
                new ForcedTlsRule("*.college.edu", SecurityLevel.Encrypted, PolicyAction.Warn),
                new ForcedTlsRule("cs.college.edu", SecurityLevel.Enforced, PolicyAction.Block),
            ],
        };

        Assert.Equal("cs.college.edu", PolicyRules.MatchForcedTls(policy, "cs.college.edu")?.Pattern);
        Assert.Equal("*.college.edu", PolicyRules.MatchForcedTls(policy, "law.college.edu")?.Pattern);
        Assert.Null(PolicyRules.MatchForcedTls(policy, "college.edu"));
    }

    [Fact]
    public void Strictest_is_block_over_warn_over_allow_and_allow_for_no_domains()
    {
        Assert.Equal(PolicyAction.Block, PolicyRules.Strictest([PolicyAction.Allow, PolicyAction.Block, PolicyAction.Warn]));
        Assert.Equal(PolicyAction.Warn, PolicyRules.Strictest([PolicyAction.Allow, PolicyAction.Warn]));
        Assert.Equal(PolicyAction.Allow, PolicyRules.Strictest([]));
    }
}
