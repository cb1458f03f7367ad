using TlsPreflight.Api.Admin.Exchange;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Admin;

public sealed class ExchangeConnectorScriptTests
{
    private static ForcedTlsRule Rule(string pattern, SecurityLevel level, PolicyAction action = PolicyAction.Block) => new(pattern, level, action);

    public static TheoryData<SecurityLevel, bool, string, string?, string?, string?> LevelMappings => new()
    {
        // level, DANE known valid, TlsSettings, TlsDomain, SmtpDaneMode, MtaStsMode
        { SecurityLevel.Encrypted, false, "EncryptionOnly", null, null, null },
        { SecurityLevel.Verified, false, "DomainValidation", "*.partner.com", null, null },
        { SecurityLevel.Verified, true, "DomainValidation", "*.partner.com", null, null },
        { SecurityLevel.Enforced, false, "DomainValidation", "*.partner.com", "Opportunistic", "Opportunistic" },
        { SecurityLevel.Enforced, true, "DomainValidation", "*.partner.com", "Mandatory", "Opportunistic" },
    };

    [Theory]
    [MemberData(nameof(LevelMappings))]
    public void Each_required_level_maps_to_its_connector_settings(SecurityLevel level, bool daneValid, string tlsSettings, string? tlsDomain, string? dane, string? sts)
    {
        var evidence = new Dictionary<string, ConnectorEvidence> { ["partner.com"] = new(["mx1.partner.com", "mx2.partner.com"], daneValid) };

        var connector = Assert.Single(ExchangeConnectorScript.Plan([Rule("partner.com", level)], evidence).Connectors);

        Assert.Equal(["partner.com"], connector.RecipientDomains);
        Assert.Equal(tlsSettings, connector.TlsSettings);
        Assert.Equal(tlsDomain, connector.TlsDomain);
        Assert.Equal(dane, connector.SmtpDaneMode);
        Assert.Equal(sts, connector.MtaStsMode);
    }

    [Theory]
    [InlineData("partner.com", null, "*.partner.com")]
    [InlineData("partner.com", "partner-com.mail.protection.outlook.com", "partner-com.mail.protection.outlook.com")]
    [InlineData("partner.com", "mx1.mail.partner.com mx2.mail.partner.com", "*.mail.partner.com")]
    [InlineData("partner.com", "mx.a.net mx.b.org", "*.partner.com")]
    [InlineData("*.college.edu", "mx.elsewhere.net", "*.college.edu")]
    public void TlsDomain_is_the_mx_name_a_shared_parent_or_the_pattern(string pattern, string? mxHosts, string expected)
    {
        var evidence = mxHosts == null ? null : new ConnectorEvidence(mxHosts.Split(' '), false);

        Assert.Equal(expected, ExchangeConnectorScript.TlsDomainFor(pattern, evidence));
    }

    [Fact]
    public void Encrypted_rules_share_one_connector_and_other_levels_get_one_each()
    {
        var plan = ExchangeConnectorScript.Plan([
            Rule("a.com", SecurityLevel.Encrypted), Rule("*.b.edu", SecurityLevel.Encrypted),
            Rule("c.com", SecurityLevel.Verified), Rule("d.com", SecurityLevel.Enforced)]);

        Assert.Equal(["TLS Preflight encrypted", "TLS Preflight verified c.com", "TLS Preflight enforced d.com"], plan.Connectors.Select(c => c.Name));
        Assert.Equal(["a.com", "*.b.edu"], plan.Connectors[0].RecipientDomains);
        Assert.Empty(plan.Skipped);
    }

    [Theory]
    [InlineData(SecurityLevel.Verified, PolicyAction.Warn, "action is warn")]
    [InlineData(SecurityLevel.Verified, PolicyAction.Allow, "action is allow")]
    [InlineData(SecurityLevel.Plaintext, PolicyAction.Block, "plaintext asks for nothing")]
    public void Rules_that_must_not_refuse_delivery_are_skipped_with_the_reason(SecurityLevel level, PolicyAction action, string reason)
    {
        var plan = ExchangeConnectorScript.Plan([Rule("soft.com", level, action)]);

        Assert.Empty(plan.Connectors);
        var skipped = Assert.Single(plan.Skipped);
        Assert.Equal("soft.com", skipped.Pattern);
        Assert.Contains(reason, skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("nothing to configure", ExchangeConnectorScript.Render(plan, 3), StringComparison.Ordinal);
    }

    [Fact]
    public void The_script_updates_an_existing_connector_or_creates_it_with_every_parameter()
    {
        var plan = ExchangeConnectorScript.Plan([Rule("partner.com", SecurityLevel.Enforced)],
            new Dictionary<string, ConnectorEvidence> { ["partner.com"] = new(["mx.partner.com"], true) });

        var script = ExchangeConnectorScript.Render(plan, 7);

        const string parameters = " -RecipientDomains 'partner.com' -TlsSettings 'DomainValidation' -TlsDomain 'mx.partner.com'"
            + " -SmtpDaneMode 'Mandatory' -MtaStsMode 'Opportunistic' -UseMXRecord $true -IsTransportRuleScoped $false";
        Assert.Contains("policy version 7", script, StringComparison.Ordinal);
        Assert.Contains("if (Get-OutboundConnector -Identity 'TLS Preflight enforced partner.com' -ErrorAction SilentlyContinue) {\n", script, StringComparison.Ordinal);
        Assert.Contains("    Set-OutboundConnector -Identity 'TLS Preflight enforced partner.com'" + parameters + "\n", script, StringComparison.Ordinal);
        Assert.Contains("    New-OutboundConnector -Name 'TLS Preflight enforced partner.com' -ConnectorType Partner -Enabled $true" + parameters + "\n", script, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_pattern_gets_a_unique_name_within_the_exchange_limit()
    {
        var a = new string('a', 60) + ".example.com";
        var b = new string('a', 60) + ".example.org";

        var names = ExchangeConnectorScript.Plan([Rule(a, SecurityLevel.Verified), Rule(b, SecurityLevel.Verified)]).Connectors.Select(c => c.Name).ToList();

        Assert.All(names, n => Assert.True(n.Length <= ExchangeConnectorScript.MaxNameLength, n));
        Assert.NotEqual(names[0], names[1]);
    }

    [Fact]
    public void Comments_cannot_be_broken_out_of_by_a_line_break()
    {
        var plan = new ConnectorPlan([], [new SkippedRule("x.com\nRemove-OutboundConnector 'all'", "reason\r\nStop-Service")]);

        var script = ExchangeConnectorScript.Render(plan, 1);

        Assert.All(script.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("#", line, StringComparison.Ordinal));
    }
}
