using TlsPreflight.Api.Monitoring;
using TlsPreflight.Api.Monitoring.Alerts;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Tests.Infrastructure;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Api.Tests.Unit;

public sealed class PartnerMonitorRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("https://hooks.example.com/tls", false, true)]
    [InlineData("http://hooks.example.com/tls", false, false)]
    [InlineData("https://127.0.0.1/hook", false, false)]
    [InlineData("https://10.1.2.3/hook", false, false)]
    [InlineData("https://[::1]/hook", false, false)]
    [InlineData("https://169.254.169.254/latest", false, false)]
    [InlineData("https://localhost/hook", false, false)]
    [InlineData("https://user:secret@hooks.example.com/", false, false)]
    [InlineData("ftp://hooks.example.com/", false, false)]
    [InlineData("not a url", false, false)]
    [InlineData("http://127.0.0.1:8080/hook", true, true)]
    public void A_webhook_url_must_be_https_and_public_unless_private_networks_are_allowed(string url, bool allowPrivate, bool accepted)
        => Assert.Equal(accepted, WebhookAddress.TryParse(url, allowPrivate, out _, out _));

    [Fact]
    public void A_teams_workflow_url_gets_an_adaptive_card_and_any_other_url_the_json_change()
    {
        var change = new PostureChange("partner.example", PostureChangeKind.LevelLowered, SecurityLevel.Verified, SecurityLevel.Plaintext,
            [FindingCodes.DowngradeSuspected], Now);

        var card = WebhookPayload.For(new Uri("https://prod-01.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sig=1"), change);
        var plain = WebhookPayload.For(new Uri("https://hooks.example.com/tls"), change);

        Assert.Contains("\"type\":\"AdaptiveCard\"", card, StringComparison.Ordinal);
        Assert.Contains("someone on the network", card, StringComparison.Ordinal);
        Assert.Contains("\"change\":\"level-lowered\"", plain, StringComparison.Ordinal);
        Assert.Contains("\"levelAfter\":\"plaintext\"", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void A_suspected_downgrade_makes_an_allowing_default_rule_warn_and_a_forced_rule_block_as_for_plaintext()
    {
        var policy = new PolicyVersion("t", 1, TenantPolicy.Default with
        {
            DefaultRule = new PolicyRule(SecurityLevel.Plaintext, PolicyAction.Allow),
            ForcedTls = [new ForcedTlsRule("forced.example", SecurityLevel.Encrypted, PolicyAction.Block)],
        }, null, null);
        DomainAssessment Suspected(string domain) => ScriptedAssessor.Assessment(domain, SecurityLevel.Plaintext) is var a
            ? a with { Findings = [.. a.Findings, new Finding(FindingCodes.DowngradeSuspected, null, "verified until 2026-11-30")] }
            : a;

        var decision = SendDecision.Make(policy, new HashSet<string>(), [
            ("open.example", Suspected("open.example"), false),
            ("forced.example", Suspected("forced.example"), false),
            ("plain.example", ScriptedAssessor.Assessment("plain.example", SecurityLevel.Plaintext), false)], TlsPreflight.Api.Tests.Words.TestWords.Sender);

        Assert.Equal([PolicyAction.Warn, PolicyAction.Block, PolicyAction.Allow], decision.Domains.Select(d => d.Decision));
    }

    [Fact]
    public void Memory_finds_a_downgrade_only_after_encryption_was_seen_on_the_same_mx_set_within_the_window()
    {
        var options = new MonitoringOptions();
        var plaintext = ScriptedAssessor.Assessment("p.example", SecurityLevel.Plaintext);
        var before = PostureEvidence.From(ScriptedAssessor.Assessment("p.example", SecurityLevel.Verified));
        var otherServers = before with { MxSet = ["mx.elsewhere.example"] };

        Assert.Contains(MemoryFindings.For(plaintext, [new(SecurityLevel.Verified, before, Now.AddDays(-2))], false, options, Now),
            f => f.Code == FindingCodes.DowngradeSuspected);
        Assert.Empty(MemoryFindings.For(plaintext, [new(SecurityLevel.Plaintext, before, Now.AddDays(-2))], false, options, Now));
        Assert.Empty(MemoryFindings.For(plaintext, [new(SecurityLevel.Verified, before, Now.AddDays(-31))], false, options, Now));
        Assert.Empty(MemoryFindings.For(plaintext, [new(SecurityLevel.Verified, otherServers, Now.AddDays(-2))], false, options, Now));
    }

    [Fact]
    public void The_fingerprint_ignores_check_times_and_changes_with_the_mta_sts_mode()
    {
        var a = ScriptedAssessor.Assessment("f.example", SecurityLevel.Verified);
        var later = a with { CheckedAt = a.CheckedAt.AddHours(6), ElapsedMs = 999 };
        var testing = a with { MtaSts = new MtaStsReport(MtaStsStatus.Valid, "2", MtaStsMode.Testing, 86400, ["mx.f.example"], null, false) };

        Assert.Equal(PostureEvidence.From(a).Fingerprint(), PostureEvidence.From(later).Fingerprint());
        Assert.NotEqual(PostureEvidence.From(a).Fingerprint(), PostureEvidence.From(testing).Fingerprint());
    }
}
