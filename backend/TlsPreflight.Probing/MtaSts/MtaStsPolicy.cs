using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.TxtRecords;

namespace TlsPreflight.Probing.MtaSts;

/// <summary>The policy's `mode` (RFC 8461 §5). Serialised kebab-case, as the policy spells it.</summary>
[JsonConverter(typeof(KebabCase<MtaStsMode>))]
public enum MtaStsMode
{
    /// <summary>Senders must not deliver to an MX that fails the policy.</summary>
    Enforce,
    /// <summary>Senders deliver anyway and report failures (TLS-RPT).</summary>
    Testing,
    /// <summary>The domain withdraws its policy.</summary>
    None,
}

/// <summary>A parsed policy file (RFC 8461 §3.2).</summary>
public sealed record MtaStsPolicy(MtaStsMode Mode, long MaxAgeSeconds, IReadOnlyList<string> MxPatterns)
{
    /// <summary>Largest body accepted (RFC 8461 §3.3 suggests 64 KiB).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>RFC 8461 §3.2: max_age is at most 31557600 seconds (about one year).</summary>
    public const long MaxAgeLimitSeconds = 31_557_600;

    /// <summary>Strict parse of the policy body. Unknown keys ignored; first duplicate wins;
    /// `mx` required unless mode is none; max_age 0–31557600.</summary>
    public static bool TryParse(string body, out MtaStsPolicy? policy, out string? error)
    {
        policy = null;
        error = Parse(body ?? "", out var parsed);
        policy = error is null ? parsed : null;
        return error is null;
    }

    /// <summary>True when some `mx` pattern matches the host (RFC 8461 §4.1).</summary>
    public bool Matches(string mxHost) => MxPattern.MatchesAny(MxPatterns, mxHost);

    private static string? Parse(string body, out MtaStsPolicy? policy)
    {
        policy = null;
        if (Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
        {
            return $"the policy is larger than {MaxBodyBytes} bytes";
        }

        string? version = null;
        MtaStsMode? mode = null;
        long? maxAge = null;
        var mx = new List<string>();

        // RFC 8461 §3.2 ABNF: sts-policy-field *(sts-policy-term sts-policy-field); fields come in any order.
        var lines = SplitLines(body);
        for (var n = 0; n < lines.Count; n++)
        {
            var error = ParseLine(lines[n], ref version, ref mode, ref maxAge, mx);
            if (error is not null)
            {
                return $"line {n + 1}: {error}";
            }
        }

        if (version is null)
        {
            return "the policy has no 'version: STSv1'";
        }

        if (mode is null)
        {
            return "the policy has no mode";
        }

        if (maxAge is null)
        {
            return "the policy has no max_age";
        }

        // RFC 8461 §3.2: mx is required for enforce and testing.
        if (mx.Count == 0 && mode != MtaStsMode.None)
        {
            return "the policy has no mx pattern";
        }

        policy = new MtaStsPolicy(mode.Value, maxAge.Value, mx);
        return null;
    }

    // sts-policy-term = LF / CRLF. Trailing empty lines (a final newline or two) are tolerated.
    private static List<string> SplitLines(string body)
    {
        var lines = body.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    // sts-policy-field = name ":" *WSP value; the first occurrence of a single-valued field wins (§3.2).
    private static string? ParseLine(string line, ref string? version, ref MtaStsMode? mode, ref long? maxAge, List<string> mx)
    {
        var colon = line.IndexOf(':');
        if (colon <= 0)
        {
            return "expected 'key: value'";
        }

        var key = line[..colon];
        var value = MtaStsSyntax.TrimWsp(line[(colon + 1)..]);
        if (!TagValueFields.IsExtensionName(key))
        {
            return $"'{TagValueFields.Shorten(key)}' is not a valid key";
        }

        if (value.Length == 0)
        {
            return $"{key} has no value";
        }

        if (value.Any(c => char.IsControl(c) && c != '\t'))
        {
            return $"{key} contains a control character";
        }

        switch (key)
        {
            case "version":
                if (value != "STSv1")
                {
                    return $"version '{TagValueFields.Shorten(value)}' is not STSv1";
                }

                version ??= value;
                return null;
            case "mode":
                var parsedMode = ParseMode(value);
                if (parsedMode is null)
                {
                    return $"mode '{TagValueFields.Shorten(value)}' is not enforce, testing or none";
                }

                mode ??= parsedMode;
                return null;
            case "max_age":
                // sts-policy-max-age-value = 1*10(DIGIT)
                if (value.Length > 10 || !value.All(char.IsAsciiDigit))
                {
                    return "max_age must be 1-10 digits";
                }

                var seconds = long.Parse(value, CultureInfo.InvariantCulture);
                if (seconds > MaxAgeLimitSeconds)
                {
                    return $"max_age {seconds} is above {MaxAgeLimitSeconds}";
                }

                maxAge ??= seconds;
                return null;
            case "mx":
                if (!MtaStsSyntax.IsMxPattern(value))
                {
                    return $"mx '{TagValueFields.Shorten(value)}' is not a host name or *.host name in A-labels";
                }

                mx.Add(value.ToLowerInvariant());
                return null;
            default:
                return null; // unknown keys are ignored (§3.2)
        }
    }

    // Values are case-sensitive tokens (%s"enforce" in the ABNF).
    private static MtaStsMode? ParseMode(string value) => value switch
    {
        "enforce" => MtaStsMode.Enforce,
        "testing" => MtaStsMode.Testing,
        "none" => MtaStsMode.None,
        _ => null,
    };

}
