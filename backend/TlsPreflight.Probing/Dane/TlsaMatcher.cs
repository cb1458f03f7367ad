using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TlsPreflight.Probing.Certificates;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Dane;

/// <summary>RFC 7672 §3: which TLSA records are usable and whether the presented chain matches one.</summary>
public static class TlsaMatcher
{
    // RFC 6698 §2.1 / RFC 7218 mnemonics
    private const int DaneTa = 2;
    private const int DaneEe = 3;
    private const int SelectorCert = 0;
    private const int SelectorSpki = 1;
    private const int MatchExact = 0;
    private const int MatchSha256 = 1;
    private const int MatchSha512 = 2;

    /// <summary>Evaluate TLSA records against the chain the server presented (leaf first, DER).
    /// Usable: DANE-TA(2) and DANE-EE(3); selectors 0 (full cert) and 1 (SPKI); matching 0 (exact), 1 (SHA-256), 2 (SHA-512).
    /// DANE-EE: no name or expiry check. DANE-TA: the TA must be in the presented chain and the leaf name must match
    /// <paramref name="mxHost"/>. Returns a <see cref="TlsaReport"/> with Outcome match / mismatch / unusable / not-checked.</summary>
    /// <param name="dnssecStatus">As the DNS layer found it; copied into the report.</param>
    /// <param name="chainDer">Null when no TLS session was established.</param>
    public static TlsaReport Evaluate(DnssecStatus dnssecStatus, IReadOnlyList<TlsaRecordData> records, IReadOnlyList<byte[]>? chainDer, string mxHost)
    {
        if (records.Count == 0)
        {
            return new TlsaReport(dnssecStatus, records, TlsaOutcome.None, null);
        }

        if (chainDer is null || chainDer.Count == 0)
        {
            return new TlsaReport(dnssecStatus, records, TlsaOutcome.NotChecked, null);
        }

        // RFC 7672 §3.1.3: PKIX-TA(0), PKIX-EE(1), unknown parameters and malformed data are unusable.
        var usable = records.Where(IsUsable).ToList();
        if (usable.Count == 0)
        {
            return new TlsaReport(dnssecStatus, records, TlsaOutcome.Unusable, null);
        }

        var chain = LoadChain(chainDer);
        try
        {
            var matched = usable.FirstOrDefault(r => MatchesChain(r, chain, mxHost));
            return matched is null
                ? new TlsaReport(dnssecStatus, records, TlsaOutcome.Mismatch, null)
                : new TlsaReport(dnssecStatus, records, TlsaOutcome.Match, matched.ToString());
        }
        finally
        {
            foreach (var cert in chain)
            {
                cert?.Dispose();
            }
        }
    }

    /// <summary>Usage 2 or 3, selector 0 or 1, matching type 0-2, and data that decodes with the right digest length.</summary>
    public static bool IsUsable(TlsaRecordData record)
    {
        if (record.Usage is not (DaneTa or DaneEe) || record.Selector is not (SelectorCert or SelectorSpki))
        {
            return false;
        }

        var data = DecodeHex(record.Data);
        return record.MatchingType switch
        {
            MatchExact => data is { Length: > 0 },
            MatchSha256 => data is { Length: 32 },
            MatchSha512 => data is { Length: 64 },
            _ => false,
        };
    }

    private static bool MatchesChain(TlsaRecordData record, IReadOnlyList<X509Certificate2?> chain, string mxHost)
    {
        var leaf = chain[0];
        if (record.Usage == DaneEe)
        {
            // RFC 7672 §3.1.1: DANE-EE binds the key or cert; names and validity dates are not checked.
            return leaf is not null && MatchesCertificate(record, leaf);
        }

        // RFC 7672 §3.1.2: DANE-TA names a trust anchor that the server must include in its chain; the leaf
        // must chain to it and carry the MX host name.
        if (leaf is null || !CertificateNameMatcher.Matches(leaf, mxHost))
        {
            return false;
        }

        for (var i = 0; i < chain.Count; i++)
        {
            var candidate = chain[i];
            if (candidate is not null && MatchesCertificate(record, candidate) && ChainsTo(chain, i))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Does the leaf build a valid path (signatures, validity dates) up to chain[anchorIndex]? The anchor need not be
    /// self-signed (RFC 7671 §5.2.2: an intermediate may be the DANE-TA), so the path is built from the presented certificates
    /// only and judged element by element up to the anchor; what lies above it does not matter.</summary>
    private static bool ChainsTo(IReadOnlyList<X509Certificate2?> chain, int anchorIndex)
    {
        var leaf = chain[0]!;
        var anchor = chain[anchorIndex]!;
        if (anchorIndex == 0)
        {
            return true; // the leaf is its own anchor
        }

        using var builder = new X509Chain { ChainPolicy = OfflineChainPolicy.Create() };
        builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust; // never the system store
        builder.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        foreach (var presented in chain.Skip(1))
        {
            if (presented is not null)
            {
                builder.ChainPolicy.ExtraStore.Add(presented);
            }
        }

        builder.Build(leaf);
        var elements = builder.ChainElements;
        for (var i = 0; i < elements.Count; i++)
        {
            // Only "the top is not a trusted root" is acceptable below the anchor; bad signatures or dates are not.
            if (elements[i].ChainElementStatus.Any(s => (s.Status & ~(X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain)) != 0))
            {
                return false;
            }

            if (elements[i].Certificate.RawData.AsSpan().SequenceEqual(anchor.RawData))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesCertificate(TlsaRecordData record, X509Certificate2 certificate)
    {
        var selected = record.Selector == SelectorCert
            ? certificate.RawData
            : certificate.PublicKey.ExportSubjectPublicKeyInfo();
        var digest = record.MatchingType switch
        {
            MatchSha256 => SHA256.HashData(selected),
            MatchSha512 => SHA512.HashData(selected),
            _ => selected,
        };
        var expected = DecodeHex(record.Data);
        return expected is not null && CryptographicOperations.FixedTimeEquals(digest, expected);
    }

    /// <summary>Certificates that do not parse stay in place as null, so indexes keep their meaning.</summary>
    private static List<X509Certificate2?> LoadChain(IReadOnlyList<byte[]> chainDer)
    {
        var chain = new List<X509Certificate2?>(chainDer.Count);
        foreach (var der in chainDer)
        {
            try
            {
                chain.Add(X509CertificateLoader.LoadCertificate(der));
            }
            catch (CryptographicException)
            {
                chain.Add(null);
            }
        }

        return chain;
    }

    private static byte[]? DecodeHex(string hex)
    {
        var clean = (hex ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (clean.Length == 0 || clean.Length % 2 != 0)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(clean);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
