using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.TlsRpt;

/// <summary>The `_smtp._tls.{domain}` TXT record (RFC 8460 §3).</summary>
public static class TlsRptRecord
{
    /// <summary>Each input string is one TXT record, character-strings joined. Records not starting `v=TLSRPTv1`
    /// are ignored; exactly one must remain, with a `rua` of comma-separated mailto:/https: URIs.</summary>
    public static TlsRptReport Parse(IEnumerable<string> txtRecords)
        => throw new NotImplementedException("rules helper");
}
