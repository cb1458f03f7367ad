namespace TlsPreflight.Api.Admin.Exchange;

/// <summary>Exchange's -TlsSettings (TlsAuthLevel) for an outbound connector.</summary>
public enum ConnectorTlsSettings
{
    /// <summary>TLS required, any certificate.</summary>
    EncryptionOnly,
    /// <summary>TLS with a trusted certificate, whatever names it carries.</summary>
    CertificateValidation,
    /// <summary>TLS with a trusted certificate that carries -TlsDomain.</summary>
    DomainValidation,
}

/// <summary>Exchange Online's -SmtpDaneMode.</summary>
public enum SmtpDaneMode
{
    Opportunistic,
    /// <summary>Refuses delivery without DNSSEC-secure TLSA that matches: only for domains proven to have it.</summary>
    Mandatory,
}

/// <summary>Exchange Online's -MtaStsMode: there is no Mandatory (Exchange honours an `enforce` policy in Opportunistic).</summary>
public enum MtaStsMode
{
    Opportunistic,
    None,
}

/// <summary>One Exchange Online outbound connector to create or update (Set-OutboundConnector parameters).</summary>
/// <param name="TlsDomain">The name the recipient server's certificate must carry (DomainValidation only).</param>
/// <param name="SmtpDaneMode">Null leaves Exchange's default.</param>
/// <param name="MtaStsMode">Null leaves Exchange's default.</param>
/// <param name="Why">One comment line for the admin reading the script.</param>
/// <param name="Evidence">Comment lines: which MX, which certificate names, checked when.</param>
public sealed record OutboundConnector(
    string Name,
    IReadOnlyList<string> RecipientDomains,
    ConnectorTlsSettings TlsSettings,
    string? TlsDomain,
    SmtpDaneMode? SmtpDaneMode,
    MtaStsMode? MtaStsMode,
    string Why,
    IReadOnlyList<string> Evidence);

/// <summary>A forced-TLS rule that gets no connector, and why.</summary>
public sealed record SkippedRule(string Pattern, string Reason);

/// <summary>The connectors for a policy, and the rules left out.</summary>
public sealed record ConnectorPlan(IReadOnlyList<OutboundConnector> Connectors, IReadOnlyList<SkippedRule> Skipped);
