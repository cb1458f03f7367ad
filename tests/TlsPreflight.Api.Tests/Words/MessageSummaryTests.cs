using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.Words;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Words;

public sealed class MessageSummaryTests
{
    private static DomainDecision Result(string domain, SecurityLevel? level, PolicyAction decision, bool isInternal = false)
        => new(domain, level, isInternal ? null : SecurityLevel.Verified, decision, decision, isInternal, isInternal ? "internal" : "default", "", [], null, false);

    private static (string Summary, string Notification) Say(string language, params DomainDecision[] domains)
        => TestWords.In(language, () =>
        {
            var summary = MessageSummary.Summary(domains, TestWords.Sender);
            return (summary, MessageSummary.Notification(summary, TestWords.Sender));
        });

    [Fact]
    public void Only_internal_recipients_need_no_check()
        => Assert.Equal("TLS Preflight: Internal recipients only, nothing to check.",
            Say("en", Result("contoso.example", null, PolicyAction.Allow, isInternal: true)).Notification);

    [Fact]
    public void Domains_that_policy_allows_but_that_get_no_encryption_are_pointed_out()
        => Assert.Equal("Mail may travel unencrypted to old.example (not encrypted). Policy allows sending.",
            Say("en", Result("old.example", SecurityLevel.Plaintext, PolicyAction.Allow), Result("good.example", SecurityLevel.Verified, PolicyAction.Allow)).Summary);

    [Fact]
    public void A_blocked_domain_is_named_first_with_its_level()
        => Assert.StartsWith("TLS Preflight: Sending will be blocked. partner.example (not encrypted) fails",
            Say("en", Result("weak.example", SecurityLevel.Encrypted, PolicyAction.Warn), Result("partner.example", SecurityLevel.Plaintext, PolicyAction.Block)).Notification,
            StringComparison.Ordinal);

    [Fact]
    public void Warned_domains_say_the_sender_will_be_asked_to_confirm()
        => Assert.Equal("Weak encryption to weak.example (encrypted). You will be asked to confirm before sending.",
            Say("en", Result("weak.example", SecurityLevel.Encrypted, PolicyAction.Warn), Result("good.example", SecurityLevel.Verified, PolicyAction.Allow)).Summary);

    [Fact]
    public void Encrypted_domains_are_counted()
    {
        Assert.Equal("good.example receives mail encrypted.", Say("en", Result("good.example", SecurityLevel.Verified, PolicyAction.Allow)).Summary);
        Assert.Equal("All 2 recipient domains receive mail encrypted.",
            Say("en", Result("good.example", SecurityLevel.Verified, PolicyAction.Allow), Result("also.example", SecurityLevel.Enforced, PolicyAction.Allow)).Summary);
    }

    [Fact]
    public void A_german_sender_reads_the_summary_in_german()
        => Assert.Equal("Das Senden wird blockiert. partner.example (unverschlüsselt) erfüllt die TLS-Richtlinie Ihrer Organisation nicht.",
            Say("de", Result("partner.example", SecurityLevel.Plaintext, PolicyAction.Block)).Summary);

    [Theory]
    [InlineData("en")]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("nl")]
    public void The_notification_stays_within_150_characters_in_every_language(string language)
    {
        var many = Enumerable.Range(0, 40)
            .Select(i => Result($"a-rather-long-subdomain-name-{i}.partner-with-long-name.example", SecurityLevel.Plaintext, PolicyAction.Block))
            .ToArray();

        var (summary, notification) = Say(language, many);

        Assert.InRange(notification.Length, 1, FitText.NotificationLimit);
        Assert.StartsWith("TLS Preflight", notification, StringComparison.Ordinal);
        Assert.Contains("37", summary, StringComparison.Ordinal);
    }
}
