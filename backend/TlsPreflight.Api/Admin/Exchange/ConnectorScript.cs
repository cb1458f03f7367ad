using System.Globalization;
using System.Text;

namespace TlsPreflight.Api.Admin.Exchange;

/// <summary>The PowerShell for a <see cref="ConnectorPlan"/>. Running it twice changes nothing the second time: each
/// connector is updated when it exists, else created; a connector of ours the plan no longer has is removed, and a
/// domain no longer in a connector's list is dropped. Those removals are shown first with -WhatIf.
/// "Ours" means the name starts with <see cref="ExchangeConnectorScript.NamePrefix"/> and the Comment with
/// <see cref="Marker"/>; no other connector is ever touched.</summary>
public static class ConnectorScript
{
    public const string Marker = "[TLS Preflight]";

    public static string Render(ConnectorPlan plan, int policyVersion)
    {
        var version = policyVersion.ToString(CultureInfo.InvariantCulture);
        var script = new StringBuilder();
        script.Append("# TLS Preflight: Exchange Online outbound connectors for policy version ").Append(version).Append('\n')
            .Append("# Run in Exchange Online PowerShell (Connect-ExchangeOnline) as an Exchange administrator.\n")
            .Append("# Running it again changes nothing. It manages only connectors named '").Append(Comment(ExchangeConnectorScript.NamePrefix))
            .Append(" ...' whose Comment starts with ").Append(Comment(Marker)).Append(";\n")
            .Append("# one of those that this policy no longer has is removed (Exchange asks you to confirm).\n");
        foreach (var skipped in plan.Skipped)
        {
            script.Append("# skipped ").Append(Comment(skipped.Pattern)).Append(": ").Append(Comment(skipped.Reason)).Append('\n');
        }

        if (plan.Connectors.Count == 0)
        {
            script.Append("# No forced-TLS rule with action block: nothing to configure; connectors of ours are removed.\n");
        }

        script.Append('\n')
            .Append("$ErrorActionPreference = 'Stop'\n")
            .Append("$marker = ").Append(PowerShellQuote.Single(Marker)).Append('\n')
            .Append("$prefix = ").Append(PowerShellQuote.Single(ExchangeConnectorScript.NamePrefix + " ")).Append('\n')
            .Append("# The connectors policy version ").Append(version).Append(" asks for, and their recipient domains.\n")
            .Append("$wanted = @{\n");
        foreach (var connector in plan.Connectors)
        {
            script.Append("    ").Append(PowerShellQuote.Single(connector.Name)).Append(" = @(")
                .Append(PowerShellQuote.List(connector.RecipientDomains)).Append(")\n");
        }

        script.Append("}\n")
            .Append("$existing = @(Get-OutboundConnector)\n")
            .Append("$ours = @($existing | Where-Object { \"$($_.Name)\".StartsWith($prefix) -and \"$($_.Comment)\".StartsWith($marker) })\n")
            .Append('\n')
            .Append("# ---- Preview: what this policy no longer has (-WhatIf: nothing is changed here) ----\n")
            .Append("foreach ($connector in $ours) {\n")
            .Append("    if (-not $wanted.ContainsKey($connector.Name)) {\n")
            .Append("        Remove-OutboundConnector -Identity $connector.Name -WhatIf\n")
            .Append("        continue\n")
            .Append("    }\n")
            .Append("    $dropped = @($connector.RecipientDomains | ForEach-Object { \"$_\" } | Where-Object { $wanted[$connector.Name] -notcontains $_ })\n")
            .Append("    if ($dropped.Count -gt 0) {\n")
            .Append("        Set-OutboundConnector -Identity $connector.Name -RecipientDomains @{ Remove = $dropped } -WhatIf\n")
            .Append("    }\n")
            .Append("}\n")
            .Append('\n')
            .Append("# ---- Apply: remove those connectors, then update or create each one (the full domain list drops the rest) ----\n")
            .Append("foreach ($connector in $ours) {\n")
            .Append("    if (-not $wanted.ContainsKey($connector.Name)) {\n")
            .Append("        Remove-OutboundConnector -Identity $connector.Name\n")
            .Append("    }\n")
            .Append("}\n");

        foreach (var connector in plan.Connectors)
        {
            AppendConnector(script, connector, version);
        }

        return script.ToString();
    }

    private static void AppendConnector(StringBuilder script, OutboundConnector connector, string version)
    {
        var name = PowerShellQuote.Single(connector.Name);
        var comment = PowerShellQuote.Single($"{Marker} policy version {version}; managed by the TLS Preflight export, which overwrites changes.");
        var core = new StringBuilder()
            .Append(" -RecipientDomains ").Append(PowerShellQuote.List(connector.RecipientDomains))
            .Append(" -TlsSettings ").Append(PowerShellQuote.Single(connector.TlsSettings.ToString()));
        if (connector.TlsDomain is not null)
        {
            // Only DomainValidation reads it; with the other settings Exchange ignores a name left from before.
            core.Append(" -TlsDomain ").Append(PowerShellQuote.Single(connector.TlsDomain));
        }

        // Deliver to the recipient's own MX (no smart host), for every message to these domains.
        core.Append(" -UseMXRecord $true -IsTransportRuleScoped $false -Comment ").Append(comment);
        var modes = new StringBuilder();
        if (connector.SmtpDaneMode is { } dane)
        {
            modes.Append(" -SmtpDaneMode ").Append(PowerShellQuote.Single(dane.ToString()));
        }

        if (connector.MtaStsMode is { } sts)
        {
            modes.Append(" -MtaStsMode ").Append(PowerShellQuote.Single(sts.ToString()));
        }

        script.Append('\n')
            .Append("# ").Append(Comment(string.Join(", ", connector.RecipientDomains))).Append(": ").Append(Comment(connector.Why)).Append('\n');
        foreach (var line in connector.Evidence)
        {
            script.Append("#   ").Append(Comment(line)).Append('\n');
        }

        script.Append("if ($existing | Where-Object { $_.Name -eq ").Append(name).Append(" }) {\n")
            .Append("    Set-OutboundConnector -Identity ").Append(name).Append(core).Append(modes).Append('\n')
            .Append("} else {\n")
            .Append("    New-OutboundConnector -Name ").Append(name).Append(" -ConnectorType Partner -Enabled $true").Append(core).Append('\n');
        if (modes.Length > 0)
        {
            // Exchange documents the DANE and MTA-STS modes on Set-OutboundConnector.
            script.Append("    Set-OutboundConnector -Identity ").Append(name).Append(modes).Append('\n');
        }

        script.Append("}\n");
    }

    /// <summary>A comment must not end its line early: line breaks would turn the rest into code.</summary>
    private static string Comment(string text) => text.ReplaceLineEndings(" ").Replace("#>", "# >", StringComparison.Ordinal);
}
