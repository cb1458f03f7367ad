using System.Globalization;

namespace TlsPreflight.Probing.Names;

/// <summary>The one form host names are compared in: lower-case A-labels (RFC 5890), no surrounding space, no
/// trailing dot. MX targets, certificate names, MTA-STS `mx` patterns and policy patterns all go through it.</summary>
public static class HostName
{
    private static readonly IdnMapping Idn = new();

    /// <summary>The comparable form of <paramref name="name"/>, or null when it is empty or not convertible. A leading
    /// `*.` is kept as written and only the rest is converted (the IDNA rules have no `*` label).</summary>
    public static string? Normalize(string? name)
    {
        var s = (name ?? "").Trim();
        if (s.EndsWith('.'))
        {
            s = s[..^1];
        }

        if (s.StartsWith("*.", StringComparison.Ordinal))
        {
            return Normalize(s[2..]) is { } rest ? "*." + rest : null;
        }

        if (s.Length == 0)
        {
            return null;
        }

        if (s.All(char.IsAscii))
        {
            return s.ToLowerInvariant();
        }

        try
        {
            return Idn.GetAscii(s).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
