using System.Security.Cryptography.X509Certificates;

namespace TlsPreflight.Probing.Certificates;

/// <summary>The one chain policy of every chain the engine builds, during a handshake or after it: nothing is
/// fetched. A certificate's AIA caIssuers, OCSP and CRL URLs are chosen by the far side; following them would dial
/// any host and port it names (169.254.169.254, an internal service) past AddressGuard. A chain that needs a
/// download to build is simply not trusted, and revocation is not judged (a prober cannot rely on reaching CRL/OCSP).</summary>
public static class OfflineChainPolicy
{
    /// <summary>A fresh policy: downloads off, revocation not checked. Callers add trust anchors, extra certificates
    /// and flags of their own.</summary>
    public static X509ChainPolicy Create() => new()
    {
        DisableCertificateDownloads = true,
        RevocationMode = X509RevocationMode.NoCheck,
    };
}
