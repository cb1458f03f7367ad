using TlsPreflight.Probing.TxtRecords;

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
        var error = TagValueFields.Split(txt[Version.Length..], out var fields);
        if (error is not null)
        {
            return error;
        }

        foreach (var (name, value) in fields)
        {
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
            else if (!TagValueFields.IsExtensionName(name) || !TagValueFields.IsExtensionValue(value))
            {
                return $"field '{TagValueFields.Shorten($"{name}={value}")}' is malformed";
            }
        }

        return id.Length == 0 ? "the record has no id" : null;
    }

    // sts-id = %s"id=" 1*32(ALPHA / DIGIT)
    private static bool IsId(string value) => value.Length is > 0 and <= 32 && value.All(char.IsAsciiLetterOrDigit);


}
