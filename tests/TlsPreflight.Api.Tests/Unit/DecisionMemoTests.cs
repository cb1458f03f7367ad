using System.Collections.Frozen;
using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.Tests.Infrastructure;
using TlsPreflight.Api.Tests.Words;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Unit;

/// <summary>A remembered decision is handed out only for the very same inputs, and never past an exception's expiry.</summary>
public sealed class DecisionMemoTests
{
    private static readonly IReadOnlySet<string> NoInternal = FrozenSet<string>.Empty;
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static PolicyVersion Policy(params ExceptionGrant[] grants) => new("t", 1, TenantPolicy.Default with
    {
        DefaultRule = new PolicyRule(SecurityLevel.Encrypted, PolicyAction.Block),
        Exceptions = grants,
    }, null, null);

    [Fact]
    public void The_same_inputs_get_the_same_decision_and_a_new_assessment_a_new_one()
    {
        using var memo = new DecisionMemo();
        var policy = Policy();
        var plain = ScriptedAssessor.Assessment("plain.example", SecurityLevel.Plaintext);

        var first = memo.Make(policy, NoInternal, [("plain.example", plain, true)], TestWords.Sender, [], null, Now);
        var again = memo.Make(policy, NoInternal, [("plain.example", plain, true)], TestWords.Sender, [], null, Now);
        var encrypted = ScriptedAssessor.Assessment("plain.example", SecurityLevel.Encrypted);
        var changed = memo.Make(policy, NoInternal, [("plain.example", encrypted, true)], TestWords.Sender, [], null, Now);
        var otherPolicy = memo.Make(Policy(), NoInternal, [("plain.example", plain, true)], TestWords.Sender, [], null, Now);

        Assert.Same(first, again);
        Assert.Equal(PolicyAction.Block, first.Decision);
        Assert.Equal(PolicyAction.Allow, changed.Decision);
        Assert.NotSame(first, otherPolicy);
    }

    [Fact]
    public void A_decision_an_exception_allowed_is_composed_again_once_the_exception_has_expired()
    {
        using var memo = new DecisionMemo();
        var policy = Policy(new ExceptionGrant(Guid.NewGuid(), "plain.example", Now.AddHours(1), "admin"));
        var plain = ScriptedAssessor.Assessment("plain.example", SecurityLevel.Plaintext);

        var during = memo.Make(policy, NoInternal, [("plain.example", plain, true)], TestWords.Sender, [], null, Now);
        var after = memo.Make(policy, NoInternal, [("plain.example", plain, true)], TestWords.Sender, [], null, Now.AddHours(2));

        Assert.Equal(PolicyAction.Allow, during.Decision);
        Assert.Equal(AllowedBy.Exception, during.Domains[0].AllowedBy);
        Assert.Equal(PolicyAction.Block, after.Decision);
    }
}
