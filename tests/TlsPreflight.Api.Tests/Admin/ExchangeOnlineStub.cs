using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>The real PowerShell engine (System.Management.Automation) with the four outbound-connector cmdlets
/// stood in by functions over an in-memory list of connectors, so the export script is parsed and run as
/// Exchange Online PowerShell would run it. Set-OutboundConnector records only the parameters that change a value.</summary>
public sealed class ExchangeOnlineStub : IDisposable
{
    private const string Cmdlets = """
        $global:exo = [ordered]@{}
        $global:calls = [System.Collections.Generic.List[string]]::new()
        function Get-OutboundConnector { param([string]$Identity)
            if ($Identity) { $global:exo[$Identity] } else { @($global:exo.Values) } }
        function New-OutboundConnector { [CmdletBinding(SupportsShouldProcess)]
            param([string]$Name, [string]$ConnectorType, [bool]$Enabled, [string[]]$RecipientDomains, [string]$TlsSettings,
                  [string]$TlsDomain, [bool]$UseMXRecord, [bool]$IsTransportRuleScoped, [string]$Comment)
            if ($global:exo.Contains($Name)) { throw "A connector named $Name exists already" }
            if (-not $PSCmdlet.ShouldProcess($Name)) { $global:calls.Add("WhatIf New $Name"); return }
            $global:calls.Add("New $Name")
            $global:exo[$Name] = [pscustomobject]@{ Name = $Name; Enabled = $Enabled; RecipientDomains = @($RecipientDomains); TlsSettings = $TlsSettings;
                TlsDomain = $TlsDomain; SmtpDaneMode = 'Opportunistic'; MtaStsMode = 'Opportunistic'; Comment = $Comment } }
        function Set-OutboundConnector { [CmdletBinding(SupportsShouldProcess)]
            param([string]$Identity, [object]$RecipientDomains, [string]$TlsSettings, [string]$TlsDomain, [string]$SmtpDaneMode,
                  [string]$MtaStsMode, [bool]$UseMXRecord, [bool]$IsTransportRuleScoped, [string]$Comment)
            $connector = $global:exo[$Identity]
            if (-not $connector) { throw "No connector named $Identity" }
            if ($RecipientDomains -is [hashtable]) {
                $remove = @($RecipientDomains.Remove)
                $PSBoundParameters['RecipientDomains'] = @($connector.RecipientDomains | Where-Object { $remove -notcontains $_ })
            }
            if (-not $PSCmdlet.ShouldProcess($Identity)) { $global:calls.Add("WhatIf Set $Identity RecipientDomains=" + ($PSBoundParameters['RecipientDomains'] -join ',')); return }
            foreach ($key in @($PSBoundParameters.Keys)) {
                if ($key -in 'Identity', 'UseMXRecord', 'IsTransportRuleScoped', 'WhatIf', 'Confirm') { continue }
                $value = $PSBoundParameters[$key]
                if ((@($connector.$key) -join ',') -cne (@($value) -join ',')) { $connector.$key = $value; $global:calls.Add("Set $Identity $key") }
            } }
        function Remove-OutboundConnector { [CmdletBinding(SupportsShouldProcess)] param([string]$Identity)
            if (-not $PSCmdlet.ShouldProcess($Identity)) { $global:calls.Add("WhatIf Remove $Identity"); return }
            if (-not $global:exo.Contains($Identity)) { throw "No connector named $Identity" }
            $global:exo.Remove($Identity); $global:calls.Add("Remove $Identity") }
        """;

    private readonly Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());

    public ExchangeOnlineStub()
    {
        runspace.Open();
        Run(Cmdlets);
    }

    /// <summary>Parses <paramref name="script"/> with PowerShell's own parser: the errors, none when it is valid.</summary>
    public static IReadOnlyList<string> ParseErrors(string script, out ScriptBlockAst ast)
    {
        ast = Parser.ParseInput(script, out _, out var errors);
        return [.. errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}")];
    }

    /// <summary>A connector someone made before the script runs.</summary>
    public void Add(string name, string comment, params string[] recipientDomains)
    {
        using var shell = PowerShell.Create(runspace);
        shell.AddScript("param($n, $c, $d) $global:exo[$n] = [pscustomobject]@{ Name = $n; Enabled = $true; RecipientDomains = @($d); TlsSettings = 'EncryptionOnly'; TlsDomain = $null; SmtpDaneMode = 'Opportunistic'; MtaStsMode = 'Opportunistic'; Comment = $c }")
            .AddArgument(name).AddArgument(comment).AddArgument(recipientDomains);
        shell.Invoke();
    }

    /// <summary>Runs the export script; returns the calls that changed something or would (-WhatIf), in order.</summary>
    public IReadOnlyList<string> RunExport(string script)
    {
        Run("$global:calls.Clear()");
        Run(script);
        return Run("$global:calls");
    }

    /// <summary>Each connector as "name | domains | TlsSettings | TlsDomain | DANE | MTA-STS | comment".</summary>
    public IReadOnlyList<string> Connectors()
        => Run("$global:exo.Values | ForEach-Object { \"$($_.Name) | $($_.RecipientDomains -join ',') | $($_.TlsSettings) | $($_.TlsDomain) | $($_.SmtpDaneMode) | $($_.MtaStsMode) | $($_.Comment)\" }");

    private List<string> Run(string script)
    {
        using var shell = PowerShell.Create(runspace);
        shell.AddScript(script);
        var output = shell.Invoke();
        if (shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException(string.Join("\n", shell.Streams.Error.Select(e => e.ToString())));
        }

        return [.. output.Select(o => o?.ToString() ?? "")];
    }

    public void Dispose() => runspace.Dispose();
}
