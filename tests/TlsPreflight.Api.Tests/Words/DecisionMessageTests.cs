using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.Words;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Words;

public sealed class DecisionMessageTests
{
    private static SenderWords Words => TestWords.Sender;

    private static DomainDecision Weak(string domain, PolicyAction decision, SecurityLevel level = SecurityLevel.Plaintext)
        => new(domain, level, SecurityLevel.Verified, decision, decision, false, "default", Words.Reason(level, []), [], DateTimeOffset.UtcNow, false);

    private static string Compose(PolicyAction decision, IReadOnlyList<DomainDecision> domains, string language = "en")
        => TestWords.In(language, () => DecisionMessage.Compose(decision, domains, Words));

    public static TheoryData<string, int> LanguagesAndCounts => [.. TestWords.Languages.SelectMany(l => new[] { 1, 5, 40, 500 }.Select(n => (l, n)))];

    [Fact]
    public void Compose_is_empty_when_the_message_is_allowed()
        => Assert.Equal("", Compose(PolicyAction.Allow, [Weak("ok.test", PolicyAction.Allow, SecurityLevel.Verified)]));

    [Fact]
    public void Compose_for_a_block_names_the_blocked_domain_first_with_its_levels()
    {
        var message = Compose(PolicyAction.Block,
            [Weak("warned.test", PolicyAction.Warn), Weak("blocked.test", PolicyAction.Block), Weak("fine.test", PolicyAction.Allow, SecurityLevel.Enforced)]);

        Assert.StartsWith("Forced TLS: blocked.test requires verified delivery but is not encrypted. Mail to it may travel unencrypted.", message, StringComparison.Ordinal);
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
        var reason = TestWords.In("en", () => Words.Reason(level, [new Finding(FindingCodes.TlsRptPresent), new Finding(code, "mx.example.com")]));

        Assert.Equal(TestWords.In("en", () => Words.Finding(code)), reason);
        Assert.Contains(words, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_for_an_unknown_domain_says_it_could_not_be_checked()
    {
        var message = Compose(PolicyAction.Warn, [Weak("dark.test", PolicyAction.Warn, SecurityLevel.Unknown)]);
        Assert.Equal("TLS warning: dark.test could not be checked. Its mail servers could not be checked. You can send anyway.", message);
    }

    [Fact]
    public void Compose_in_german_names_the_domain_the_levels_and_the_reason_in_german()
    {
        var domains = TestWords.In("de", () => new[] { Weak("partner.test", PolicyAction.Block) });
        var message = Compose(PolicyAction.Block, domains, "de");
        Assert.Equal("TLS-Pflicht: partner.test verlangt die Stufe „verifiziert“, ist aber „unverschlüsselt“. "
            + "E-Mails an sie können unverschlüsselt übertragen werden. Die Nachricht wurde nicht gesendet.", message);
    }

    [Theory]
    [MemberData(nameof(LanguagesAndCounts))]
    public void Compose_stays_within_500_characters_in_every_language_and_counts_the_domains_it_leaves_out(string language, int count)
    {
        var domains = TestWords.In(language, () => Enumerable.Range(0, count)
            .Select(i => Weak($"partner-{i}-{new string('x', 40)}.test", i % 2 == 0 ? PolicyAction.Block : PolicyAction.Warn, i % 3 == 0 ? SecurityLevel.Unknown : SecurityLevel.Encrypted))
            .ToList());

        foreach (var decision in new[] { PolicyAction.Block, PolicyAction.Warn })
        {
            var message = Compose(decision, domains, language);

            Assert.InRange(message.Length, 1, DecisionMessage.MaxLength);
            Assert.Contains("partner-0-", message, StringComparison.Ordinal);
            if (count > 2)
            {
                Assert.Matches(@"…[^.]*\d+[^.]*\.", message);
            }
        }
    }

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("nl")]
    public void Compose_with_a_253_character_domain_still_fits(string language)
    {
        var longDomain = string.Join('.', Enumerable.Repeat(new string('a', 62), 4)) + ".t";
        var domains = TestWords.In(language, () => new[] { Weak(longDomain, PolicyAction.Block), Weak(longDomain + "x", PolicyAction.Block) });
        Assert.InRange(Compose(PolicyAction.Block, domains, language).Length, 1, DecisionMessage.MaxLength);
    }
}
