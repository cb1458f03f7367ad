namespace TlsPreflight.Probing.Names;

/// <summary>The one wildcard rule: `*.` stands for exactly the left-most label (RFC 8461 §4.1 `mx` patterns,
/// RFC 6125 §6.4.3 certificate names, the tenant's forced-TLS patterns). `*.example.com` matches `mx.example.com`,
/// never `example.com` nor `a.b.example.com`; a `*` anywhere else matches nothing.</summary>
public static class WildcardName
{
    /// <summary>Case-insensitive, trailing dots ignored, IDN compared as A-labels (<see cref="HostName"/>).</summary>
    public static bool Matches(string? pattern, string? name)
    {
        var host = HostName.Normalize(name);
        var p = HostName.Normalize(pattern);
        if (host is null || p is null || host.Contains('*'))
        {
            return false;
        }

        if (!p.StartsWith("*.", StringComparison.Ordinal))
        {
            return !p.Contains('*') && p == host;
        }

        var suffix = p[1..]; // ".example.com"
        if (suffix.Contains('*') || !host.EndsWith(suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var firstLabel = host[..^suffix.Length];
        return firstLabel.Length > 0 && !firstLabel.Contains('.');
    }
}
