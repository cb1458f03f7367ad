namespace TlsPreflight.Probing.MtaSts;

public enum MtaStsMode { Enforce, Testing, None }

/// <summary>A parsed policy file (RFC 8461 §3.2).</summary>
public sealed record MtaStsPolicy(MtaStsMode Mode, long MaxAgeSeconds, IReadOnlyList<string> MxPatterns)
{
    /// <summary>Largest body accepted (RFC 8461 §3.3 suggests 64 KiB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Strict parse of the policy body. Unknown keys ignored; first duplicate wins;
    /// `mx` required unless mode is none; max_age 0–31557600.</summary>
    public static bool TryParse(string body, out MtaStsPolicy? policy, out string? error)
        => throw new NotImplementedException("rules helper");

    /// <summary>True when some `mx` pattern matches the host (RFC 8461 §4.1).</summary>
    public bool Matches(string mxHost) => MxPatterns.Any(p => MxPattern.Matches(p, mxHost));
}
