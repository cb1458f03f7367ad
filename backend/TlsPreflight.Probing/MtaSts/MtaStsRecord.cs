namespace TlsPreflight.Probing.MtaSts;

/// <summary>The `_mta-sts.{domain}` TXT record (RFC 8461 §3.1).</summary>
public sealed record MtaStsRecord(string Id)
{
    /// <summary>Each input string is one TXT record with its character-strings already joined.
    /// Records not starting with `v=STSv1;` are ignored; not exactly one left, or it is invalid → false.</summary>
    public static bool TryParse(IEnumerable<string> txtRecords, out MtaStsRecord? record, out string? error)
        => throw new NotImplementedException("rules helper");
}
