using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.TxtRecords;

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
        return error is null ? new TlsRptReport(TlsRptStatus.Valid, rua, null) : Invalid(error);
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
        var error = TagValueFields.Split(txt[Version.Length..], out var fields);
        if (error is not null)
        {
            return error;
        }

        var seenRua = false;
        foreach (var (name, value) in fields)
        {
            if (name != "rua")
            {
                if (!TagValueFields.IsExtensionName(name) || !TagValueFields.IsExtensionValue(value))
                {
                    return $"field '{TagValueFields.Shorten($"{name}={value}")}' is malformed";
                }

                continue;
            }

            if (seenRua)
            {
                continue; // the first rua wins
            }

            seenRua = true;
            error = ParseRua(value, rua);
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
                return $"rua entry '{TagValueFields.Shorten(uri)}' is not a mailto: or https: URI";
            }

            rua.Add(uri);
        }

        return null;
    }


    private static TlsRptReport Invalid(string error) => new(TlsRptStatus.Invalid, [], error);

}
