namespace TlsPreflight.Probing.Names;

/// <summary>Special-use and private-use names: they are not on the internet, so the engine asks no DNS server about
/// them (a resolver inside the deployment might know them, which would map its own network for the caller).</summary>
public static class ReservedNames
{
    /// <summary>Suffix (the name itself or any name under it) → why it is reserved.</summary>
    private static readonly (string Suffix, string Reason)[] Reserved =
    [
        ("localhost", "localhost names the local host (RFC 6761 §6.3)"),
        ("local", ".local is link-local multicast DNS (RFC 6762 §3)"),
        ("invalid", ".invalid is guaranteed not to exist (RFC 6761 §6.4)"),
        ("example", ".example is reserved for documentation (RFC 6761 §6.5)"),
        ("onion", ".onion names Tor onion services (RFC 7686)"),
        ("home.arpa", ".home.arpa is for home networks (RFC 8375)"),
        ("internal", ".internal is for private networks (ICANN, 2024)"),
        ("alt", ".alt is for names outside the DNS (RFC 9476)"),
    ];

    private const string TestSuffix = "test";

    /// <summary>Why a normalised domain (<see cref="DomainName.Normalize"/>) is not a name on the internet, or null.
    /// `.test` (RFC 6761 §6.2) counts as reserved unless <paramref name="allowTestNames"/>: labs use it.</summary>
    public static string? WhyReserved(string domain, bool allowTestNames)
    {
        ArgumentNullException.ThrowIfNull(domain);
        foreach (var (suffix, reason) in Reserved)
        {
            if (IsAtOrUnder(domain, suffix))
                return reason;
        }

        if (!allowTestNames && IsAtOrUnder(domain, TestSuffix))
            return ".test is reserved for testing (RFC 6761 §6.2)";

        return IsSingleLabel(domain) ? $"'{domain}' is a single label, not a domain on the internet" : null;
    }

    /// <summary>A single label (`localhost`, `intranet`, `com`) is never resolved on the internet: ICANN prohibits
    /// dotless names (SSAC SAC053).</summary>
    public static bool IsSingleLabel(string domain) => !domain.Contains('.', StringComparison.Ordinal);

    private static bool IsAtOrUnder(string domain, string suffix)
        => domain.Equals(suffix, StringComparison.Ordinal)
           || (domain.Length > suffix.Length && domain.EndsWith(suffix, StringComparison.Ordinal) && domain[^(suffix.Length + 1)] == '.');
}
