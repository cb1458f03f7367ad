using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Certificates;

/// <summary>Our own judgement of a server certificate: trust (system roots, plus ExtraTrustedCaFile), expiry and name,
/// each separately, so an invalid certificate is still described rather than just rejected.</summary>
public sealed class ChainValidator
{
    private readonly X509Certificate2Collection extraRoots;

    public ChainValidator(IOptions<ProbingOptions> options)
    {
        extraRoots = LoadExtraRoots(options.Value.ExtraTrustedCaFile);
    }

    /// <summary>Validate the leaf the server presented (with the rest of its chain) for <paramref name="host"/>.</summary>
    public CertificateReport Validate(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> presented, string host, DateTimeOffset now)
    {
        var dnsNames = CertificateNameMatcher.DnsNames(leaf);
        var commonName = leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var trusted = IsTrusted(leaf, presented, out var trustError);
        return new CertificateReport(
            leaf.Subject,
            leaf.Issuer,
            new DateTimeOffset(leaf.NotBefore.ToUniversalTime()),
            new DateTimeOffset(leaf.NotAfter.ToUniversalTime()),
            dnsNames,
            leaf.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant(),
            trusted,
            trustError,
            CertificateNameMatcher.Matches(dnsNames, commonName, host),
            now < leaf.NotBefore.ToUniversalTime() || now > leaf.NotAfter.ToUniversalTime());
    }

    /// <summary>True when the chain builds to a system root or to one of the extra CAs. Dates are not judged here
    /// (expiry is reported on its own) and revocation is not checked (a prober cannot rely on reaching CRL/OCSP).</summary>
    public bool IsTrusted(X509Certificate2 leaf, IEnumerable<X509Certificate2> presented, out string? error)
    {
        var intermediates = presented.Where(c => !c.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span)).ToList();
        if (TryBuild(leaf, intermediates, customRoots: null, out error))
            return true;
        // CustomRootTrust replaces the system roots rather than adding to them, hence a second attempt.
        return extraRoots.Count > 0 && TryBuild(leaf, intermediates, extraRoots, out error);
    }

    private static bool TryBuild(X509Certificate2 leaf, List<X509Certificate2> intermediates, X509Certificate2Collection? customRoots, out string? error)
    {
        using var chain = new X509Chain { ChainPolicy = OfflineChainPolicy.Create() };
        var policy = chain.ChainPolicy;
        policy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid;
        policy.ExtraStore.AddRange(intermediates.ToArray());
        if (customRoots is not null)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(customRoots);
        }
        if (chain.Build(leaf))
        {
            error = null;
            return true;
        }
        var problems = chain.ChainStatus
            .Where(s => s.Status != X509ChainStatusFlags.NoError)
            .Select(s => s.StatusInformation.Trim())
            .Where(s => s.Length > 0)
            .Distinct();
        error = string.Join("; ", problems) is { Length: > 0 } joined ? joined : "chain does not build to a trusted root";
        return false;
    }

    private static X509Certificate2Collection LoadExtraRoots(string? file)
    {
        var roots = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(file))
            return roots;
        if (!File.Exists(file))
            throw new InvalidOperationException($"ExtraTrustedCaFile '{file}' does not exist");
        try
        {
            roots.ImportFromPemFile(file);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"ExtraTrustedCaFile '{file}' is not a PEM certificate file: {e.Message}", e);
        }
        if (roots.Count == 0)
            throw new InvalidOperationException($"ExtraTrustedCaFile '{file}' holds no certificate");
        return roots;
    }
}
