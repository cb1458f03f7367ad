using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Admin.Exchange;

/// <summary>Maps the forced-TLS list to Exchange Online outbound connectors (smtp-tls-standards.md
/// "Levels → enforcement settings"); <see cref="ConnectorScript"/> writes them as PowerShell.</summary>
public static class ExchangeConnectorScript
{
    public const string NamePrefix = "TLS Preflight";
    /// <summary>Exchange limits connector names to 64 characters.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Only `block` rules get a connector: a connector makes Exchange refuse delivery without TLS, which is a
    /// block; enforcing a `warn` or `allow` rule that way would be stricter than the admin chose.</summary>
    /// <param name="evidence">Per domain pattern, what its assessment showed; a domain without an entry has none yet.</param>
    public static ConnectorPlan Plan(IReadOnlyList<ForcedTlsRule> rules, IReadOnlyDictionary<string, ConnectorEvidence>? evidence = null)
    {
        var connectors = new List<OutboundConnector>();
        var skipped = new List<SkippedRule>();
        var encryptedOnly = new List<string>();
        foreach (var rule in rules)
        {
            if (rule.Action != PolicyAction.Block)
            {
                skipped.Add(new SkippedRule(rule.Pattern, $"action is {PolicyActionText.Name(rule.Action)}: the add-in warns, a connector would refuse delivery."));
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
                case SecurityLevel.Enforced:
                    connectors.Add(Validated(rule, known));
                    break;
                default:
                    skipped.Add(new SkippedRule(rule.Pattern, "required level plaintext asks for nothing beyond Exchange's opportunistic TLS."));
                    break;
            }
        }

        if (encryptedOnly.Count > 0)
        {
            // One connector for all: EncryptionOnly checks no certificate, so nothing differs per domain.
            connectors.Insert(0, new OutboundConnector($"{NamePrefix} encrypted", encryptedOnly, ConnectorTlsSettings.EncryptionOnly, null, null, null,
                "required level encrypted: TLS is mandatory, any certificate is accepted.", []));
        }

        return new ConnectorPlan(connectors, skipped);
    }

    /// <summary>The name the recipient's certificates carry (<see cref="TlsDomainSelection"/>). A wildcard rule covers
    /// domains whose mail servers are not known one by one, so it gets none: its pattern is not a certificate name.</summary>
    public static TlsDomainChoice TlsDomainFor(string pattern, ConnectorEvidence? evidence)
        => pattern.StartsWith("*.", StringComparison.Ordinal)
            ? new(null, "a wildcard rule covers domains whose mail servers are not known one by one.")
            : TlsDomainSelection.For(evidence);

    private static OutboundConnector Validated(ForcedTlsRule rule, ConnectorEvidence? evidence)
    {
        var level = rule.RequiredLevel.ToString().ToLowerInvariant();
        var choice = TlsDomainFor(rule.Pattern, evidence);
        var enforced = rule.RequiredLevel == SecurityLevel.Enforced;
        // DANE Mandatory refuses delivery without valid DANE: only on DNSSEC-secure TLSA that matched on every MX.
        SmtpDaneMode? dane = !enforced ? null
            : evidence is { DaneOnEveryMx: true, MxLookupSecure: true } ? SmtpDaneMode.Mandatory : SmtpDaneMode.Opportunistic;
        if (dane == SmtpDaneMode.Mandatory && evidence is { CertificatesTrusted: false })
        {
            // RFC 7672 §3.1.1: a DANE-EE server's certificate need not come from a CA, so Exchange's certificate check
            // would refuse it; DANE Mandatory authenticates the server instead, and TLS stays required.
            return new OutboundConnector(Name($"{NamePrefix} {level} ", rule.Pattern), [rule.Pattern], ConnectorTlsSettings.EncryptionOnly, null, dane,
                MtaStsMode.Opportunistic, $"required level {level}: DANE mandatory authenticates the server (its certificate is not from a trusted CA, "
                + "so a certificate check would refuse it); MTA-STS honoured when published.", EvidenceLines(evidence, dane));
        }

        var why = choice.TlsDomain is null
            ? $"required level {level}: TLS with a trusted certificate; no -TlsDomain because {choice.Why.TrimEnd('.')}"
            : $"required level {level}: TLS with a trusted certificate for {choice.TlsDomain} ({choice.Why.TrimEnd('.')})";
        why += enforced ? $"; DANE {dane.ToString()!.ToLowerInvariant()}, MTA-STS honoured when published." : ".";
        return new OutboundConnector(Name($"{NamePrefix} {level} ", rule.Pattern), [rule.Pattern],
            choice.TlsDomain is null ? ConnectorTlsSettings.CertificateValidation : ConnectorTlsSettings.DomainValidation,
            choice.TlsDomain, dane, enforced ? MtaStsMode.Opportunistic : null, why, EvidenceLines(evidence, dane));
    }

    private static List<string> EvidenceLines(ConnectorEvidence? evidence, SmtpDaneMode? dane)
    {
        if (evidence is null)
        {
            return [];
        }

        var lines = evidence.MxHosts
            .Select(mx => $"MX {mx.Host}: " + (mx.Certificates.Count == 0
                ? "no certificate observed"
                : "certificate names " + string.Join(" / ", mx.Certificates.Select(TlsDomainSelection.Names))))
            .ToList();
        lines.Add("checked " + evidence.CheckedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)
            + (evidence.CheckedAtExport ? ", re-checked for this export" : ", from the cache")
            + (evidence.MxLookupSecure ? "; MX lookup DNSSEC-authenticated" : "; MX lookup not DNSSEC-signed")
            + (dane == SmtpDaneMode.Mandatory ? "; DNSSEC-secure TLSA matched on every MX" : ""));
        return lines;
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
}
