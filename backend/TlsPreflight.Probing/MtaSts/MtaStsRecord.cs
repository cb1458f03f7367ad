namespace TlsPreflight.Probing.MtaSts;

/// <summary>The `_mta-sts.{domain}` TXT record (RFC 8461 §3.1).</summary>
public sealed record MtaStsRecord(string Id)
{
    private const string Version = "v=STSv1";

    /// <summary>Each input string is one TXT record with its character-strings already joined.
    /// Records not starting with `v=STSv1;` are ignored; not exactly one left, or it is invalid → false.</summary>
    public static bool TryParse(IEnumerable<string> txtRecords, out MtaStsRecord? record, out string? error)
    {
        record = null;
        var candidates = txtRecords.Where(IsStsRecord).ToList();
        if (candidates.Count != 1)
        {
            error = candidates.Count == 0 ? "no v=STSv1 TXT record" : $"{candidates.Count} v=STSv1 TXT records; exactly one is allowed";
            return false;
        }

        error = ParseOne(candidates[0], out var id);
        if (error is not null)
        {
            return false;
        }

        record = new MtaStsRecord(id);
        return true;
    }

    /// <summary>True for a TXT record that claims to be MTA-STS: `v=STSv1` then `*WSP ";"`. Others are ignored (§3.1).</summary>
    public static bool IsStsRecord(string txt)
    {
        if (!txt.StartsWith(Version, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = txt.AsSpan(Version.Length).TrimStart(" \t");
        return rest.Length > 0 && rest[0] == ';';
    }

    // sts-text-record = sts-version 1*(sts-sep sts-field) [sts-sep]; sts-sep = *WSP ";" *WSP
    private static string? ParseOne(string txt, out string id)
    {
        id = "";
        var fields = txt[Version.Length..].Split(';').Select(MtaStsSyntax.TrimWsp).ToList();
        fields.RemoveAt(0); // the empty text between "v=STSv1" and the first ';'
        if (fields.Count > 0 && fields[^1].Length == 0)
        {
            fields.RemoveAt(fields.Count - 1); // one optional trailing separator
        }

        foreach (var field in fields)
        {
            var eq = field.IndexOf('=');
            if (eq <= 0)
            {
                return $"field '{Shorten(field)}' is not name=value";
            }

            var name = field[..eq];
            var value = field[(eq + 1)..];
            if (name == "id")
            {
                if (!IsId(value))
                {
                    return "id must be 1-32 letters or digits";
                }

                // RFC 8461 §3.2 (last paragraph): of repeated fields the first wins.
                if (id.Length == 0)
                {
                    id = value;
                }
            }
            else if (!MtaStsSyntax.IsExtensionName(name) || !IsExtensionValue(value))
            {
                return $"field '{Shorten(field)}' is malformed";
            }
        }

        return id.Length == 0 ? "the record has no id" : null;
    }

    // sts-id = %s"id=" 1*32(ALPHA / DIGIT)
    private static bool IsId(string value) => value.Length is > 0 and <= 32 && value.All(char.IsAsciiLetterOrDigit);

    // sts-ext-value = 1*(%x21-3A / %x3C / %x3E-7E): visible ASCII without '=' and ';'
    private static bool IsExtensionValue(string value) => value.Length > 0 && value.All(c => c is >= '!' and <= '~' and not '=' and not ';');

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
