using TlsPreflight.Api.Admin.Exchange;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Admin;

public sealed class ExchangeConnectorScriptTests
{
    private static ForcedTlsRule Rule(string pattern, SecurityLevel level, PolicyAction action = PolicyAction.Block) => new(pattern, level, action);

    private static ConnectorEvidence Seen(bool mxLookupSecure, bool daneOnEveryMx, params string[] hosts)
        => new([.. hosts.Select(host => new MxCertificates(host, [["*.partner.com"]]))], mxLookupSecure, daneOnEveryMx,
            new DateTimeOffset(2026, 12, 1, 21, 40, 0, TimeSpan.Zero), CheckedAtExport: !mxLookupSecure);

    public static TheoryData<SecurityLevel, bool, ConnectorTlsSettings, string?, SmtpDaneMode?, MtaStsMode?> LevelMappings => new()
    {
        // level, DNSSEC-secure TLSA matched on every MX, TlsSettings, TlsDomain, SmtpDaneMode, MtaStsMode
        { SecurityLevel.Encrypted, false, ConnectorTlsSettings.EncryptionOnly, null, null, null },
        { SecurityLevel.Verified, false, ConnectorTlsSettings.DomainValidation, "*.partner.com", null, null },
        { SecurityLevel.Verified, true, ConnectorTlsSettings.DomainValidation, "*.partner.com", null, null },
        { SecurityLevel.Enforced, false, ConnectorTlsSettings.DomainValidation, "*.partner.com", SmtpDaneMode.Opportunistic, MtaStsMode.Opportunistic },
        { SecurityLevel.Enforced, true, ConnectorTlsSettings.DomainValidation, "*.partner.com", SmtpDaneMode.Mandatory, MtaStsMode.Opportunistic },
    };

    [Theory]
    [MemberData(nameof(LevelMappings))]
    public void Each_required_level_maps_to_its_connector_settings(SecurityLevel level, bool dane, ConnectorTlsSettings tlsSettings, string? tlsDomain, SmtpDaneMode? daneMode, MtaStsMode? sts)
    {
        var evidence = new Dictionary<string, ConnectorEvidence> { ["partner.com"] = Seen(true, dane, "mx1.partner.com", "mx2.partner.com") };

        var connector = Assert.Single(ExchangeConnectorScript.Plan([Rule("partner.com", level)], evidence).Connectors);

        Assert.Equal(["partner.com"], connector.RecipientDomains);
        Assert.Equal(tlsSettings, connector.TlsSettings);
        Assert.Equal(tlsDomain, connector.TlsDomain);
        Assert.Equal(daneMode, connector.SmtpDaneMode);
        Assert.Equal(sts, connector.MtaStsMode);
    }

    public static TheoryData<string, string, ConnectorTlsSettings, string> WithoutAName => new()
    {
        // rule, evidence, TlsSettings, words in the connector's comment
        { "no evidence", "partner.com", ConnectorTlsSettings.CertificateValidation, "not assessed yet" },
        { "a wildcard rule", "*.college.edu", ConnectorTlsSettings.CertificateValidation, "wildcard rule" },
    };

    [Theory]
    [MemberData(nameof(WithoutAName))]
    public void Without_a_certificate_name_the_connector_validates_the_certificate_and_says_why(string partner, string pattern, ConnectorTlsSettings tlsSettings, string why)
    {
        var connector = Assert.Single(ExchangeConnectorScript.Plan([Rule(pattern, SecurityLevel.Verified)]).Connectors);

        Assert.True(tlsSettings == connector.TlsSettings, partner);
        Assert.Null(connector.TlsDomain);
        Assert.Contains(why, connector.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Dane_mandatory_needs_a_dnssec_authenticated_mx_lookup_too()
    {
        // TLSA matched, but the MX names came from an unsigned answer (RFC 7672 §2.2.1: then DANE does not apply).
        var evidence = new Dictionary<string, ConnectorEvidence> { ["partner.com"] = Seen(false, true, "mx.partner.com") };

        var connector = Assert.Single(ExchangeConnectorScript.Plan([Rule("partner.com", SecurityLevel.Enforced)], evidence).Connectors);

        Assert.Equal(SmtpDaneMode.Opportunistic, connector.SmtpDaneMode);
    }

    [Fact]
    public void A_dane_ee_server_without_a_ca_certificate_is_authenticated_by_dane_not_by_a_certificate_check()
    {
        var selfSigned = Seen(true, true, "mx.partner.com") with { CertificatesTrusted = false };
        var evidence = new Dictionary<string, ConnectorEvidence> { ["partner.com"] = selfSigned };

        var connector = Assert.Single(ExchangeConnectorScript.Plan([Rule("partner.com", SecurityLevel.Enforced)], evidence).Connectors);

        Assert.Equal(ConnectorTlsSettings.EncryptionOnly, connector.TlsSettings);
        Assert.Null(connector.TlsDomain);
        Assert.Equal(SmtpDaneMode.Mandatory, connector.SmtpDaneMode);
    }

    [Fact]
    public void The_comment_above_a_connector_says_which_mx_which_names_and_when()
    {
        var evidence = new Dictionary<string, ConnectorEvidence> { ["partner.com"] = Seen(false, false, "mx1.partner.com", "mx2.partner.com") };

        var script = ConnectorScript.Render(ExchangeConnectorScript.Plan([Rule("partner.com", SecurityLevel.Verified)], evidence), 4);

        Assert.Contains("#   MX mx1.partner.com: certificate names *.partner.com\n", script, StringComparison.Ordinal);
        Assert.Contains("#   MX mx2.partner.com: certificate names *.partner.com\n", script, StringComparison.Ordinal);
        Assert.Contains("#   checked 2026-12-01 21:40:00 UTC, re-checked for this export; MX lookup not DNSSEC-signed\n", script, StringComparison.Ordinal);
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
        Assert.Contains("nothing to configure", ConnectorScript.Render(plan, 3), StringComparison.Ordinal);
    }

    [Fact]
    public void The_script_updates_an_existing_connector_or_creates_it_with_every_parameter()
    {
        var plan = ExchangeConnectorScript.Plan([Rule("partner.com", SecurityLevel.Enforced)],
            new Dictionary<string, ConnectorEvidence> { ["partner.com"] = Seen(true, true, "mx.partner.com") });

        var script = ConnectorScript.Render(plan, 7);

        const string core = " -RecipientDomains 'partner.com' -TlsSettings 'DomainValidation' -TlsDomain '*.partner.com'"
            + " -UseMXRecord $true -IsTransportRuleScoped $false -Comment '[TLS Preflight] policy version 7; managed by the TLS Preflight export, which overwrites changes.'";
        const string modes = " -SmtpDaneMode 'Mandatory' -MtaStsMode 'Opportunistic'";
        Assert.Contains("policy version 7", script, StringComparison.Ordinal);
        Assert.Contains("if ($existing | Where-Object { $_.Name -eq 'TLS Preflight enforced partner.com' }) {\n", script, StringComparison.Ordinal);
        Assert.Contains("    Set-OutboundConnector -Identity 'TLS Preflight enforced partner.com'" + core + modes + "\n", script, StringComparison.Ordinal);
        Assert.Contains("    New-OutboundConnector -Name 'TLS Preflight enforced partner.com' -ConnectorType Partner -Enabled $true" + core + "\n"
            + "    Set-OutboundConnector -Identity 'TLS Preflight enforced partner.com'" + modes + "\n", script, StringComparison.Ordinal);
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
}
