using System.Globalization;

namespace TlsPreflight.Api.Policy;

/// <summary>The policy's ETag is its version number (RFC 9110 §8.8.3: a quoted opaque string).</summary>
public static class EntityTag
{
    public static string For(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Reads `"4"` (or W/"4"); `*` means "whatever is current" (RFC 9110 §13.1.1). False for anything else.</summary>
    public static bool TryParseIfMatch(string? header, int currentVersion, out int version)
    {
        version = -1;
        var value = header?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value == "*")
        {
            version = currentVersion;
            return true;
        }

        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Length > 2 && value[0] == '"' && value[^1] == '"'
            && int.TryParse(value[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
