namespace TlsPreflight.Probing.MtaSts;

/// <summary>MTA-STS `mx` pattern matching (RFC 8461 §4.1).</summary>
public static class MxPattern
{
    /// <summary>Case-insensitive; a trailing dot on the host is ignored; `*.` replaces exactly the left-most label.</summary>
    public static bool Matches(string pattern, string mxHost)
    {
        var host = Trim(mxHost);
        var p = Trim(pattern);
        if (host.Length == 0 || p.Length == 0 || host.Contains('*'))
        {
            return false;
        }

        if (!p.StartsWith("*.", StringComparison.Ordinal))
        {
            // No other wildcard form exists: '*' elsewhere never matches anything.
            return !p.Contains('*') && string.Equals(p, host, StringComparison.OrdinalIgnoreCase);
        }

        var suffix = p[1..]; // ".example.com"
        if (suffix.Contains('*') || suffix.Length < 2)
        {
            return false;
        }

        // `*.example.com` matches `mx.example.com`, not `example.com` nor `a.b.example.com` (§4.1).
        if (!host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var firstLabel = host[..^suffix.Length];
        return firstLabel.Length > 0 && !firstLabel.Contains('.');
    }

    private static string Trim(string? name)
    {
        var s = (name ?? "").Trim();
        return s.EndsWith('.') ? s[..^1] : s;
    }
}
