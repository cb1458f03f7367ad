namespace TlsPreflight.Probing.MtaSts;

/// <summary>Character classes shared by the MTA-STS record and policy grammars (RFC 8461 §3.1, §3.2).</summary>
internal static class MtaStsSyntax
{
    /// <summary>RFC 5234 WSP.</summary>
    public static bool IsWsp(char c) => c is ' ' or '\t';

    /// <summary>RFC 5321 §4.1.2 Domain in A-labels, optionally behind `*.` (RFC 8461 §3.2 sts-policy-mx-value).</summary>
    public static bool IsMxPattern(string value)
    {
        var domain = value.StartsWith("*.", StringComparison.Ordinal) ? value[2..] : value;
        var labels = domain.Split('.');
        return labels.Length >= 1 && labels.All(IsLdhLabel);
    }

    /// <summary>RFC 5321 sub-domain: Let-dig [Ldh-str], at most 63 octets.</summary>
    public static bool IsLdhLabel(string label)
        => label.Length is > 0 and <= 63
           && char.IsAsciiLetterOrDigit(label[0])
           && char.IsAsciiLetterOrDigit(label[^1])
           && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    public static string TrimWsp(string s) => s.Trim(' ', '\t');
}
