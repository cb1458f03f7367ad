using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Admin.Exchange;

/// <summary>Maps the forced-TLS list to Exchange Online outbound connectors (smtp-tls-standards.md
/// "Levels → enforcement settings") and writes them as PowerShell that can be run again safely.</summary>
public static class ExchangeConnectorScript
{
    public const string NamePrefix = "TLS Preflight";
    /// <summary>Exchange limits connector names to 64 characters.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Only `block` rules get a connector: a connector makes Exchange refuse delivery without TLS, which is a
    /// block; enforcing a `warn` or `allow` rule that way would be stricter than the admin chose.</summary>
    public static ConnectorPlan Plan(IReadOnlyList<ForcedTlsRule> rules, IReadOnlyDictionary<string, ConnectorEvidence>? evidence = null)
    {
        var connectors = new List<OutboundConnector>();
        var skipped = new List<SkippedRule>();
        var encryptedOnly = new List<string>();
        foreach (var rule in rules)
        {
            if (rule.Action != PolicyAction.Block)
            {
                skipped.Add(new SkippedRule(rule.Pattern, $"action is {rule.Action.ToString().ToLowerInvariant()}: the add-in warns, a connector would refuse delivery."));
                continue;
            }

            ConnectorEvidence? known = null;
            evidence?.TryGetValue(rule.Pattern, out known);
            switch (rule.RequiredLevel)
            {
                case SecurityLevel.Encrypted:
                    encryptedOnly.Add(rule.Pattern);
                    break;
                case SecurityLevel.Verified:
                    connectors.Add(Validated(rule, "verified", TlsDomainFor(rule.Pattern, known), dane: null, sts: null));
                    break;
                case SecurityLevel.Enforced:
                    // DANE Mandatory refuses delivery without valid DANE: only where the domain is known to publish it.
                    connectors.Add(Validated(rule, "enforced", TlsDomainFor(rule.Pattern, known),
                        dane: known?.DaneValid == true ? "Mandatory" : "Opportunistic", sts: "Opportunistic"));
                    break;
                default:
                    skipped.Add(new SkippedRule(rule.Pattern, "required level plaintext asks for nothing beyond Exchange's opportunistic TLS."));
                    break;
            }
        }

        if (encryptedOnly.Count > 0)
        {
            // One connector for all: EncryptionOnly checks no certificate, so nothing differs per domain.
            connectors.Insert(0, new OutboundConnector($"{NamePrefix} encrypted", encryptedOnly, "EncryptionOnly", null, null, null,
                "required level encrypted: TLS is mandatory, any certificate is accepted."));
        }

        return new ConnectorPlan(connectors, skipped);
    }

    /// <summary>The PowerShell for <paramref name="plan"/>: update the connector when it exists, else create it.</summary>
    public static string Render(ConnectorPlan plan, int policyVersion)
    {
        var script = new StringBuilder();
        script.Append("# TLS Preflight: Exchange Online outbound connectors for policy version ")
            .Append(policyVersion.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append("# Run in Exchange Online PowerShell (Connect-ExchangeOnline) as an Exchange administrator.\n")
            .Append("# Running it again updates the connectors of the same name.\n");
        foreach (var skipped in plan.Skipped)
        {
            script.Append("# skipped ").Append(Comment(skipped.Pattern)).Append(": ").Append(Comment(skipped.Reason)).Append('\n');
        }

        if (plan.Connectors.Count == 0)
        {
            script.Append("# No forced-TLS rule with action block: nothing to configure.\n");
        }

        foreach (var connector in plan.Connectors)
        {
            var name = PowerShellQuote.Single(connector.Name);
            var parameters = Parameters(connector);
            script.Append('\n')
                .Append("# ").Append(Comment(string.Join(", ", connector.RecipientDomains))).Append(": ").Append(Comment(connector.Why)).Append('\n')
                .Append("if (Get-OutboundConnector -Identity ").Append(name).Append(" -ErrorAction SilentlyContinue) {\n")
                .Append("    Set-OutboundConnector -Identity ").Append(name).Append(parameters).Append('\n')
                .Append("} else {\n")
                .Append("    New-OutboundConnector -Name ").Append(name).Append(" -ConnectorType Partner -Enabled $true").Append(parameters).Append('\n')
                .Append("}\n");
        }

        return script.ToString();
    }

    /// <summary>The name the recipient's certificate must carry. A wildcard pattern is itself a TlsDomain; for a
    /// domain, its MX host (one MX), `*.` + the parent all its MX hosts share, or else `*.` + the domain.</summary>
    public static string TlsDomainFor(string pattern, ConnectorEvidence? evidence)
    {
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return pattern;
        }

        var hosts = evidence?.MxHosts.Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];
        if (hosts.Count == 1)
        {
            return hosts[0];
        }

        var parents = hosts.Select(Parent).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return parents.Count == 1 && parents[0].Contains('.', StringComparison.Ordinal) ? "*." + parents[0] : "*." + pattern;
    }

    private static OutboundConnector Validated(ForcedTlsRule rule, string level, string tlsDomain, string? dane, string? sts)
        => new(Name($"{NamePrefix} {level} ", rule.Pattern), [rule.Pattern], "DomainValidation", tlsDomain, dane, sts,
            $"required level {level}: TLS with a trusted certificate valid for {tlsDomain}"
            + (dane == null ? "." : $"; DANE {dane.ToLowerInvariant()}, MTA-STS honoured when published."));

    private static string Parameters(OutboundConnector connector)
    {
        var text = new StringBuilder()
            .Append(" -RecipientDomains ").Append(PowerShellQuote.List(connector.RecipientDomains))
            .Append(" -TlsSettings ").Append(PowerShellQuote.Single(connector.TlsSettings));
        if (connector.TlsDomain != null)
        {
            text.Append(" -TlsDomain ").Append(PowerShellQuote.Single(connector.TlsDomain));
        }

        if (connector.SmtpDaneMode != null)
        {
            text.Append(" -SmtpDaneMode ").Append(PowerShellQuote.Single(connector.SmtpDaneMode));
        }

        if (connector.MtaStsMode != null)
        {
            text.Append(" -MtaStsMode ").Append(PowerShellQuote.Single(connector.MtaStsMode));
        }

        // Deliver to the recipient's own MX (no smart host), for every message to these domains.
        return text.Append(" -UseMXRecord $true -IsTransportRuleScoped $false").ToString();
    }

    /// <summary>Prefix + pattern, shortened with a stable hash when over Exchange's limit so names stay unique.</summary>
    private static string Name(string prefix, string pattern)
    {
        var name = prefix + pattern;
        if (name.Length <= MaxNameLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(pattern)))[..8];
        return name[..(MaxNameLength - 9)] + "~" + hash;
    }

    private static string Parent(string host)
    {
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? host : host[(dot + 1)..];
    }

    /// <summary>A comment must not end its line early: line breaks would turn the rest into code.</summary>
    private static string Comment(string text) => text.ReplaceLineEndings(" ").Replace("#>", "# >", StringComparison.Ordinal);
}
