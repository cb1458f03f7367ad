namespace TlsPreflight.Probing.TxtRecords;

/// <summary>The `v=…; name=value; …` TXT grammar that the MTA-STS record (RFC 8461 §3.1) and the TLS-RPT record
/// (RFC 8460 §3) share: fields split by `*WSP ";" *WSP`, one optional trailing separator.</summary>
internal static class TagValueFields
{
    /// <summary>Splits the text after the version tag into fields, in order (repeats kept: the caller decides which wins).
    /// Returns an error for a field that is not name=value; null when all are.</summary>
    public static string? Split(string afterVersion, out List<(string Name, string Value)> fields)
    {
        fields = [];
        var parts = afterVersion.Split(';').Select(p => p.Trim(' ', '\t')).ToList();
        parts.RemoveAt(0); // the empty text between the version and the first ';'
        if (parts.Count > 0 && parts[^1].Length == 0)
        {
            parts.RemoveAt(parts.Count - 1); // one optional trailing separator
        }

        foreach (var part in parts)
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
            {
                return $"field '{Shorten(part)}' is not name=value";
            }

            fields.Add((part[..eq], part[(eq + 1)..]));
        }

        return null;
    }

    /// <summary>`(ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")`: sts-ext-name, sts-policy-ext-name, tlsrpt-ext-name.</summary>
    public static bool IsExtensionName(string name)
        => name.Length is > 0 and <= 32
           && char.IsAsciiLetterOrDigit(name[0])
           && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>`1*(%x21-3A / %x3C / %x3E-7E)`: visible ASCII without '=' and ';'.</summary>
    public static bool IsExtensionValue(string value) => value.Length > 0 && value.All(c => c is >= '!' and <= '~' and not '=' and not ';');

    /// <summary>A field quoted in an error message, cut to 40 characters.</summary>
    public static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
