using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Unit;

public sealed class DecisionMessageTests
{
    private static DomainDecision Weak(string domain, PolicyAction decision, SecurityLevel level = SecurityLevel.Plaintext)
        => new(domain, level, SecurityLevel.Verified, decision, decision, false, "default", DecisionText.Reason(level, []), [], DateTimeOffset.UtcNow, false);

    [Fact]
    public void Compose_is_empty_when_the_message_is_allowed()
        => Assert.Equal("", DecisionMessage.Compose(PolicyAction.Allow, [Weak("ok.test", PolicyAction.Allow, SecurityLevel.Verified)]));

    [Fact]
    public void Compose_for_a_block_names_the_blocked_domain_first_with_its_levels()
    {
        var message = DecisionMessage.Compose(PolicyAction.Block,
            [Weak("warned.test", PolicyAction.Warn), Weak("blocked.test", PolicyAction.Block), Weak("fine.test", PolicyAction.Allow, SecurityLevel.Enforced)]);

        Assert.StartsWith("Forced TLS: blocked.test requires verified delivery but is plaintext", message, StringComparison.Ordinal);
        Assert.Contains("warned.test", message, StringComparison.Ordinal);
        Assert.DoesNotContain("fine.test", message, StringComparison.Ordinal);
        Assert.EndsWith("The message was not sent.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SecurityLevel.NoMail, FindingCodes.DomainNotFound, "check the spelling")]
    [InlineData(SecurityLevel.Unknown, FindingCodes.DnssecInvalid, "DANE")]
    [InlineData(SecurityLevel.Plaintext, FindingCodes.LegacyTlsVersion, "Exchange Online")]
    [InlineData(SecurityLevel.Plaintext, FindingCodes.TlsNoSharedCipher, "no cipher suite")]
    public void The_reason_names_the_finding_that_explains_the_level(SecurityLevel level, string code, string words)
    {
        // The first finding is one that does not explain the level, so the reason must pick the right one.
        var reason = DecisionText.Reason(level, [new Finding(FindingCodes.TlsRptPresent), new Finding(code, "mx.example.com")]);

        Assert.Equal(FindingText.For(code), reason);
        Assert.Contains(words, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_for_an_unknown_domain_says_it_could_not_be_checked()
    {
        var message = DecisionMessage.Compose(PolicyAction.Warn, [Weak("dark.test", PolicyAction.Warn, SecurityLevel.Unknown)]);
        Assert.Equal("TLS warning: dark.test could not be checked: its mail servers could not be checked. You can send anyway.", message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(40)]
    [InlineData(500)]
    public void Compose_stays_within_500_characters_and_counts_the_domains_it_leaves_out(int count)
    {
        var domains = Enumerable.Range(0, count).Select(i => Weak($"partner-{i}-{new string('x', 40)}.test", PolicyAction.Block)).ToList();

        var message = DecisionMessage.Compose(PolicyAction.Block, domains);

        Assert.InRange(message.Length, 1, DecisionMessage.MaxLength);
        Assert.Contains("partner-0-", message, StringComparison.Ordinal);
        if (count > 2)
        {
            Assert.Matches(@"…and \d+ more domains?\.", message);
        }
    }

    [Fact]
    public void Compose_with_a_253_character_domain_still_fits()
    {
        var longDomain = string.Join('.', Enumerable.Repeat(new string('a', 62), 4)) + ".t";
        var message = DecisionMessage.Compose(PolicyAction.Block, [Weak(longDomain, PolicyAction.Block), Weak(longDomain + "x", PolicyAction.Block)]);
        Assert.InRange(message.Length, 1, DecisionMessage.MaxLength);
    }
}
