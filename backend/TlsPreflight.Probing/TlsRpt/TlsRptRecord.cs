using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.TlsRpt;

/// <summary>The `_smtp._tls.{domain}` TXT record (RFC 8460 §3).</summary>
public static class TlsRptRecord
{
    private const string Version = "v=TLSRPTv1";

    /// <summary>Each input string is one TXT record, character-strings joined. Records not starting `v=TLSRPTv1`
    /// are ignored; exactly one must remain, with a `rua` of comma-separated mailto:/https: URIs.</summary>
    public static TlsRptReport Parse(IEnumerable<string> txtRecords)
    {
        var candidates = txtRecords.Where(IsTlsRptRecord).ToList();
        if (candidates.Count == 0)
        {
            return TlsRptReport.None;
        }

        // RFC 8460 §3: not exactly one record → the domain does not implement TLS-RPT; we say why.
        if (candidates.Count > 1)
        {
            return Invalid($"{candidates.Count} v=TLSRPTv1 records; exactly one is allowed");
        }

        var error = ParseFields(candidates[0], out var rua);
        return error is null ? new TlsRptReport("valid", rua, null) : Invalid(error);
    }

    // tlsrpt-version = %s"v=TLSRPTv1", then field-delim (*WSP ";" *WSP) or the end.
    private static bool IsTlsRptRecord(string txt)
    {
        if (!txt.StartsWith(Version, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = txt.AsSpan(Version.Length).TrimStart(" \t");
        return rest.Length == 0 || rest[0] == ';';
    }

    // tlsrpt-record = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
    private static string? ParseFields(string txt, out List<string> rua)
    {
        rua = [];
        var fields = txt[Version.Length..].Split(';').Select(f => f.Trim(' ', '\t')).ToList();
        fields.RemoveAt(0);
        if (fields.Count > 0 && fields[^1].Length == 0)
        {
            fields.RemoveAt(fields.Count - 1);
        }

        var seenRua = false;
        foreach (var field in fields)
        {
            var eq = field.IndexOf('=');
            if (eq <= 0)
            {
                return $"field '{Shorten(field)}' is not name=value";
            }

            var name = field[..eq];
            var value = field[(eq + 1)..];
            if (name != "rua")
            {
                if (!IsExtensionName(name) || value.Length == 0 || !value.All(c => c is >= '!' and <= '~' and not '=' and not ';'))
                {
                    return $"field '{Shorten(field)}' is malformed";
                }

                continue;
            }

            if (seenRua)
            {
                continue; // the first rua wins
            }

            seenRua = true;
            var error = ParseRua(value, rua);
            if (error is not null)
            {
                return error;
            }
        }

        return seenRua ? null : "the record has no rua";
    }

    // tlsrpt-rua = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri); schemes mailto and https (§3).
    private static string? ParseRua(string value, List<string> rua)
    {
        foreach (var part in value.Split(','))
        {
            var uri = part.Trim(' ', '\t');
            if (uri.Length == 0)
            {
                return "rua has an empty entry";
            }

            if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
                || (parsed.Scheme != Uri.UriSchemeMailto && parsed.Scheme != Uri.UriSchemeHttps)
                || uri.Any(c => c is <= ' ' or > '~'))
            {
                return $"rua entry '{Shorten(uri)}' is not a mailto: or https: URI";
            }

            rua.Add(uri);
        }

        return null;
    }

    private static bool IsExtensionName(string name)
        => name.Length is > 0 and <= 32
           && char.IsAsciiLetterOrDigit(name[0])
           && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static TlsRptReport Invalid(string error) => new("invalid", [], error);

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
