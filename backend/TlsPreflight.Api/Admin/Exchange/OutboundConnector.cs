namespace TlsPreflight.Api.Admin.Exchange;

/// <summary>One Exchange Online outbound connector to create or update (Set-OutboundConnector parameters).</summary>
/// <param name="TlsSettings">EncryptionOnly or DomainValidation.</param>
/// <param name="TlsDomain">The name the recipient server's certificate must carry (DomainValidation only).</param>
/// <param name="SmtpDaneMode">Opportunistic or Mandatory; null leaves Exchange's default.</param>
/// <param name="MtaStsMode">Opportunistic; null leaves Exchange's default (MTA-STS has no Mandatory mode).</param>
/// <param name="Why">One comment line for the admin reading the script.</param>
public sealed record OutboundConnector(
    string Name,
    IReadOnlyList<string> RecipientDomains,
    string TlsSettings,
    string? TlsDomain,
    string? SmtpDaneMode,
    string? MtaStsMode,
    string Why);

/// <summary>A forced-TLS rule that gets no connector, and why.</summary>
public sealed record SkippedRule(string Pattern, string Reason);

/// <summary>What is known about a domain's mail servers from its latest assessment, to pick TlsDomain and the DANE mode.</summary>
public sealed record ConnectorEvidence(IReadOnlyList<string> MxHosts, bool DaneValid);

/// <summary>The connectors for a policy, and the rules left out.</summary>
public sealed record ConnectorPlan(IReadOnlyList<OutboundConnector> Connectors, IReadOnlyList<SkippedRule> Skipped);
