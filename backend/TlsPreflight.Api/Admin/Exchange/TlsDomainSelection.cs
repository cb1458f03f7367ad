using TlsPreflight.Probing.Certificates;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Admin.Exchange;

/// <summary>The -TlsDomain for a domain's connector, or null (CertificateValidation), and why.</summary>
public sealed record TlsDomainChoice(string? TlsDomain, string Why);

/// <summary>Exchange's DomainValidation matches -TlsDomain against the certificate the MX presents, and a partner
/// hosted by a provider presents the provider's name. So the name comes from the certificates observed on every
/// MX host, never from the recipient domain: one name every certificate carries, else the narrowest wildcard
/// in their SANs that each carries or covers a name of; else none.</summary>
public static class TlsDomainSelection
{
    private const int NamesShown = 6;

    public static TlsDomainChoice For(ConnectorEvidence? evidence)
    {
        if (evidence is null)
        {
            return new(null, "not assessed yet, so no certificate name is known; reload the page when the assessment has finished.");
        }

        if (evidence.MxHosts.Count == 0)
        {
            return new(null, "the assessment found no MX host to take a certificate name from.");
        }

        if (!evidence.Authenticated)
        {
            return new(null, "the MX lookup was not DNSSEC-signed and the certificates were not re-checked for this export.");
        }

        var unseen = evidence.MxHosts.Where(mx => mx.Certificates.Count == 0).Select(mx => mx.Host).ToList();
        if (unseen.Count > 0)
        {
            return new(null, $"no certificate was observed on {string.Join(", ", unseen)}, so no name is known to fit every MX.");
        }

        var certificates = evidence.MxHosts.SelectMany(mx => mx.Certificates).ToList();
        // MX hosts in preference order: among names that fit, the most preferred MX's own name comes first.
        var mxOrder = evidence.MxHosts.Select(mx => mx.Host.ToLowerInvariant()).ToList();
        var chosen = certificates
            .SelectMany(names => names)
            .Select(Normalize)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Where(candidate => certificates.All(names => Covers(names, candidate)))
            .OrderBy(candidate => candidate.StartsWith("*.", StringComparison.Ordinal)) // one name before a wildcard
            .ThenBy(candidate => mxOrder.IndexOf(candidate) is var at and >= 0 ? at : int.MaxValue)
            .ThenByDescending(candidate => candidate.StartsWith("*.", StringComparison.Ordinal) ? candidate.Count(c => c == '.') : 0) // the narrowest wildcard
            .ThenBy(candidate => candidate, StringComparer.Ordinal)
            .FirstOrDefault();
        return chosen is null
            ? new(null, "no one name is carried by every MX certificate ("
                + string.Join("; ", evidence.MxHosts.Select(mx => mx.Host + ": " + string.Join(" / ", mx.Certificates.Select(Names)))) + ").")
            : new(chosen, $"every MX certificate carries {chosen}.");
    }

    /// <summary>A certificate's SAN dNSNames for a comment, shortened.</summary>
    public static string Names(IReadOnlyList<string> dnsNames)
        => dnsNames.Count == 0 ? "(no DNS names)"
            : string.Join(", ", dnsNames.Take(NamesShown)) + (dnsNames.Count > NamesShown ? $" (+{dnsNames.Count - NamesShown} more)" : "");

    /// <summary>Whether a certificate with these SAN dNSNames carries -TlsDomain <paramref name="candidate"/>: the name
    /// itself, or, for a wildcard, the wildcard or a name it covers (one label, RFC 6125 §6.4.3). A one-name TlsDomain
    /// must be in every certificate as written, not only under another certificate's wildcard.</summary>
    private static bool Covers(IReadOnlyList<string> dnsNames, string candidate)
        => dnsNames.Select(Normalize).Any(name => name == candidate
            || (candidate.StartsWith("*.", StringComparison.Ordinal) && name is not null && !name.Contains('*', StringComparison.Ordinal)
                && CertificateNameMatcher.Matches([candidate], null, name)));

    /// <summary>Lower case without a trailing dot; null for what Exchange cannot take as a TlsDomain (an embedded
    /// wildcard, or one over a single label such as `*.com`).</summary>
    private static string? Normalize(string name)
    {
        var value = HostName.Normalize(name) ?? "";
        var rest = value.StartsWith("*.", StringComparison.Ordinal) ? value[2..] : value;
        return rest.Length == 0 || rest.Contains('*', StringComparison.Ordinal) || rest.Contains(' ', StringComparison.Ordinal)
            || (rest != value && !rest.Contains('.', StringComparison.Ordinal))
            ? null
            : value;
    }
}
