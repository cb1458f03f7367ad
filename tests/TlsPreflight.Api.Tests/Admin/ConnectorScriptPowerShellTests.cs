using System.Management.Automation.Language;
using TlsPreflight.Api.Admin.Exchange;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>The export script parsed by PowerShell's own parser and run by its engine against
/// <see cref="ExchangeOnlineStub"/>: idempotent, complete, and no value can break out of its quotes.</summary>
public sealed class ConnectorScriptPowerShellTests
{
    private const string Ours = ConnectorScript.Marker + " policy version 1; managed by the TLS Preflight export, which overwrites changes.";

    private static ForcedTlsRule Rule(string pattern, SecurityLevel level) => new(pattern, level, PolicyAction.Block);

    private static ConnectorEvidence Seen(string host, string certificateName, bool dane = false)
        => new([new MxCertificates(host, [[certificateName]])], dane, dane, DateTimeOffset.UnixEpoch, CheckedAtExport: true);

    private static string Script(int version, params ForcedTlsRule[] rules)
        => ConnectorScript.Render(ExchangeConnectorScript.Plan(rules, new Dictionary<string, ConnectorEvidence>
        {
            ["google-hosted.com"] = Seen("aspmx.l.google.com", "mx.google.com"),
            ["dane.example"] = Seen("mx.dane.example", "mx.dane.example", dane: true),
        }), version);

    private static readonly ForcedTlsRule[] Policy =
    [
        Rule("a.com", SecurityLevel.Encrypted), Rule("*.b.edu", SecurityLevel.Encrypted),
        Rule("google-hosted.com", SecurityLevel.Verified), Rule("dane.example", SecurityLevel.Enforced), Rule("unknown.com", SecurityLevel.Verified),
    ];

    [Fact]
    public void The_script_parses_without_errors()
        => Assert.Empty(ExchangeOnlineStub.ParseErrors(Script(1, Policy), out _));

    [Fact]
    public void The_first_run_creates_every_connector_and_the_second_changes_nothing()
    {
        using var exchange = new ExchangeOnlineStub();
        var script = Script(1, Policy);

        var first = exchange.RunExport(script);
        var afterFirst = exchange.Connectors();
        var second = exchange.RunExport(script);

        Assert.Equal(
        [
            "TLS Preflight encrypted | a.com,*.b.edu | EncryptionOnly |  | Opportunistic | Opportunistic | " + Ours,
            "TLS Preflight verified google-hosted.com | google-hosted.com | DomainValidation | mx.google.com | Opportunistic | Opportunistic | " + Ours,
            "TLS Preflight enforced dane.example | dane.example | DomainValidation | mx.dane.example | Mandatory | Opportunistic | " + Ours,
            "TLS Preflight verified unknown.com | unknown.com | CertificateValidation |  | Opportunistic | Opportunistic | " + Ours,
        ], afterFirst);
        Assert.Equal(4, first.Count(call => call.StartsWith("New ", StringComparison.Ordinal)));
        Assert.Empty(second);
        Assert.Equal(afterFirst, exchange.Connectors());
    }

    [Fact]
    public void A_removed_rule_is_previewed_with_whatif_then_removed_and_other_connectors_are_left_alone()
    {
        using var exchange = new ExchangeOnlineStub();
        exchange.RunExport(Script(1, Policy));
        exchange.Add("Contoso partner connector", "made by hand", "contoso.com");
        exchange.Add("TLS Preflight by hand", "not ours: no marker", "hand.com");

        // The admin removed dane.example and *.b.edu from the policy.
        var calls = exchange.RunExport(Script(2, Rule("a.com", SecurityLevel.Encrypted), Rule("google-hosted.com", SecurityLevel.Verified), Rule("unknown.com", SecurityLevel.Verified)));

        Assert.Equal(
        [
            "WhatIf Set TLS Preflight encrypted RecipientDomains=a.com",
            "WhatIf Remove TLS Preflight enforced dane.example",
            "Remove TLS Preflight enforced dane.example",
            "Set TLS Preflight encrypted RecipientDomains",
            "Set TLS Preflight encrypted Comment",
            "Set TLS Preflight verified google-hosted.com Comment",
            "Set TLS Preflight verified unknown.com Comment",
        ], calls);
        var connectors = exchange.Connectors();
        Assert.DoesNotContain(connectors, c => c.StartsWith("TLS Preflight enforced dane.example", StringComparison.Ordinal));
        Assert.Contains(connectors, c => c.StartsWith("TLS Preflight encrypted | a.com |", StringComparison.Ordinal));
        Assert.Contains(connectors, c => c.StartsWith("Contoso partner connector | contoso.com |", StringComparison.Ordinal));
        Assert.Contains(connectors, c => c.StartsWith("TLS Preflight by hand | hand.com |", StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_without_block_rules_removes_every_connector_of_ours()
    {
        using var exchange = new ExchangeOnlineStub();
        exchange.RunExport(Script(1, Policy));

        exchange.RunExport(Script(2));

        Assert.Empty(exchange.Connectors());
    }

    public static TheoryData<string, string> BreakingValues => new()
    {
        { "single quote", "o'brien.com" },
        { "typographic quotes", "a\u2019b\u2018c\u201Ad\u201Be.com" },
        { "backtick", "tick`'`n.com" },
        { "dollar", "$(Remove-OutboundConnector 'x').com" },
        { "variable", "$env:PATH.com" },
        { "double quote", "\"quoted\".com" },
        { "non-ASCII", "bücher-straße.example" },
        { "newline", "line\nRemove-OutboundConnector -Identity 'Contoso partner connector'\n.com" },
        { "comment close", "x#>.com<#" },
    };

    [Theory]
    [MemberData(nameof(BreakingValues))]
    public void A_value_that_breaks_naive_quoting_reaches_exchange_unchanged(string breaking, string value)
    {
        var plan = new ConnectorPlan(
            [new OutboundConnector("TLS Preflight " + value, [value], ConnectorTlsSettings.DomainValidation, value, null, null, "why " + value, ["MX " + value])],
            [new SkippedRule(value, "reason " + value)]);
        var script = ConnectorScript.Render(plan, 1);
        using var exchange = new ExchangeOnlineStub();
        exchange.Add("Contoso partner connector", "made by hand", "contoso.com");

        Assert.True(ExchangeOnlineStub.ParseErrors(script, out var ast).Count == 0, breaking);
        // Nothing but the script's own commands: no value became code.
        string[] allowed = ["Get-OutboundConnector", "Where-Object", "ForEach-Object", "Remove-OutboundConnector", "Set-OutboundConnector", "New-OutboundConnector"];
        Assert.All(ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>(), command => Assert.Contains(command.GetCommandName(), allowed));
        exchange.RunExport(script);
        var connectors = exchange.Connectors();
        Assert.Contains($"TLS Preflight {value} | {value} | DomainValidation | {value} | Opportunistic | Opportunistic | {Ours}", connectors);
        Assert.Contains(connectors, c => c.StartsWith("Contoso partner connector |", StringComparison.Ordinal));
    }
}
