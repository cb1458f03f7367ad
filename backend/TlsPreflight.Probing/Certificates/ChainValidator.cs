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

    /// <summary>Validate the leaf the server presented (with the rest of its chain) for <paramref name="host"/>.
    /// <paramref name="handshakeChain"/>: the status of the chain the TLS handshake built with
    /// <see cref="HandshakePolicy"/>, when there was one; the trust judgement then starts from it instead of building
    /// the chain again.</summary>
    public CertificateReport Validate(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> presented, string host, DateTimeOffset now,
        IReadOnlyList<X509ChainStatus>? handshakeChain = null)
    {
        var dnsNames = CertificateNameMatcher.DnsNames(leaf);
        var commonName = leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        string? trustError;
        var trusted = handshakeChain is null ? IsTrusted(leaf, presented, out trustError) : IsTrusted(leaf, presented, handshakeChain, out trustError);
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

    /// <summary>The chain policy for the chain a TLS handshake builds (SslClientAuthenticationOptions.CertificateChainPolicy),
    /// a fresh one per handshake (SslStream adds the peer's certificates to its ExtraStore). It asks the first of the
    /// questions <see cref="IsTrusted(X509Certificate2, IEnumerable{X509Certificate2}, out string?)"/> asks, so the
    /// handshake's chain answers it: with ExtraTrustedCaFile, "does it build to an extra CA?" (the lab's and a
    /// private deployment's case); without, "does it build to a system root?". Nothing is fetched.</summary>
    public X509ChainPolicy HandshakePolicy()
    {
        var policy = OfflineChainPolicy.Create();
        policy.VerificationFlags = IgnoredDates;
        if (extraRoots.Count > 0)
        {
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(extraRoots);
        }
        return policy;
    }

    /// <summary>True when the chain builds to a system root or to one of the extra CAs. Dates are not judged here
    /// (expiry is reported on its own) and revocation is not checked (a prober cannot rely on reaching CRL/OCSP).</summary>
    public bool IsTrusted(X509Certificate2 leaf, IEnumerable<X509Certificate2> presented, out string? error)
    {
        var intermediates = Intermediates(leaf, presented);
        if (TryBuild(leaf, intermediates, customRoots: null, out error))
            return true;
        // CustomRootTrust replaces the system roots rather than adding to them, hence a second attempt.
        return extraRoots.Count > 0 && TryBuild(leaf, intermediates, extraRoots, out error);
    }

    /// <summary>As <see cref="IsTrusted(X509Certificate2, IEnumerable{X509Certificate2}, out string?)"/>, with the
    /// first build already done by the handshake (<see cref="HandshakePolicy"/>): the same verdict and the same
    /// error text, and no further build for a chain to the anchor the handshake asked about.</summary>
    private bool IsTrusted(X509Certificate2 leaf, IReadOnlyList<X509Certificate2> presented, IReadOnlyList<X509ChainStatus> handshakeChain, out string? error)
    {
        // SslStream asks for the server-authentication key usage when the policy names none; our judgement never
        // did (key usage is not trust). Such a chain answered another question: judge it the usual way.
        if (handshakeChain.Any(s => s.Status == X509ChainStatusFlags.NotValidForUsage))
            return IsTrusted(leaf, presented, out error);
        if (handshakeChain.All(s => (s.Status & ~IgnoredStatus) == X509ChainStatusFlags.NoError))
        {
            error = null;
            return true;
        }
        // Not to the handshake's anchor. With extra CAs that was them: the system roots are still to be asked, and
        // the error stays the extra-CA build's, as in IsTrusted.
        error = Describe(handshakeChain);
        if (extraRoots.Count == 0 || !TryBuild(leaf, Intermediates(leaf, presented), customRoots: null, out _))
            return false;
        error = null;
        return true;
    }

    /// <summary>Dates are judged on their own (CertificateReport.Expired), not as part of trust.</summary>
    private const X509VerificationFlags IgnoredDates = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid;

    /// <summary>The statuses <see cref="IgnoredDates"/> lets a build pass with.</summary>
    private const X509ChainStatusFlags IgnoredStatus = X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.CtlNotTimeValid;

    private static List<X509Certificate2> Intermediates(X509Certificate2 leaf, IEnumerable<X509Certificate2> presented)
        => [.. presented.Where(c => !c.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))];

    private static bool TryBuild(X509Certificate2 leaf, List<X509Certificate2> intermediates, X509Certificate2Collection? customRoots, out string? error)
    {
        using var chain = new X509Chain { ChainPolicy = OfflineChainPolicy.Create() };
        var policy = chain.ChainPolicy;
        policy.VerificationFlags = IgnoredDates;
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
        error = Describe(chain.ChainStatus);
        return false;
    }

    /// <summary>Every problem of a chain that did not build, in the chain builder's words, dates included.</summary>
    private static string Describe(IEnumerable<X509ChainStatus> status)
    {
        var problems = status
            .Where(s => s.Status != X509ChainStatusFlags.NoError)
            .Select(s => s.StatusInformation.Trim())
            .Where(s => s.Length > 0)
            .Distinct();
        return string.Join("; ", problems) is { Length: > 0 } joined ? joined : "chain does not build to a trusted root";
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
