using TlsPreflight.Probing.Names;

namespace TlsPreflight.Probing.MtaSts;

/// <summary>MTA-STS `mx` pattern matching (RFC 8461 §4.1).</summary>
public static class MxPattern
{
    /// <summary>Case-insensitive; a trailing dot on the host is ignored; `*.` replaces exactly the left-most label
    /// (the one rule in <see cref="WildcardName"/>).</summary>
    public static bool Matches(string pattern, string mxHost) => WildcardName.Matches(pattern, mxHost);

    /// <summary>A host is listed by a policy when one of its `mx` patterns matches it (RFC 8461 §4.1).</summary>
    public static bool MatchesAny(IEnumerable<string> patterns, string mxHost) => patterns.Any(p => Matches(p, mxHost));
}
