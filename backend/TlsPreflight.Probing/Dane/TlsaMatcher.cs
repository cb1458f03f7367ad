using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Dane;

/// <summary>RFC 7672 §3: which TLSA records are usable and whether the presented chain matches one.</summary>
public static class TlsaMatcher
{
    /// <summary>Evaluate TLSA records against the chain the server presented (leaf first, DER).
    /// Usable: DANE-TA(2) and DANE-EE(3); selectors 0 (full cert) and 1 (SPKI); matching 0 (exact), 1 (SHA-256), 2 (SHA-512).
    /// DANE-EE: no name or expiry check. DANE-TA: the TA must be in the presented chain and the leaf name must match
    /// <paramref name="mxHost"/>. Returns a <see cref="TlsaReport"/> with Outcome match / mismatch / unusable / not-checked.</summary>
    /// <param name="dnssecStatus">secure, insecure, bogus or indeterminate, as the DNS layer found it; copied into the report.</param>
    /// <param name="chainDer">Null when no TLS session was established.</param>
    public static TlsaReport Evaluate(string dnssecStatus, IReadOnlyList<TlsaRecordData> records, IReadOnlyList<byte[]>? chainDer, string mxHost)
        => throw new NotImplementedException("rules helper");
}
