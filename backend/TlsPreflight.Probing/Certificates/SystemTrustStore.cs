using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TlsPreflight.Probing.Certificates;

/// <summary>The machine's trust store (on Linux /etc/ssl/certs: one bundle and a directory of the same CAs) is read
/// and parsed once per process, on the first chain build — every build reads it, even one against ExtraTrustedCaFile
/// alone, for the system's intermediates. For a short-lived process (the CLI) that is the largest first-use cost of
/// its one probe, paid after the handshake; <see cref="StartLoading"/> moves it onto another thread while DNS and
/// SMTP round trips run. The runtime keeps the store and re-reads it only when it changes.</summary>
public static class SystemTrustStore
{
    /// <summary>Start reading the system trust store in the background. Failure is not reported here: the first
    /// chain build meets the same store and judges with whatever it holds.</summary>
    public static Task StartLoading() => Task.Run(() =>
    {
        try
        {
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly);
            foreach (var certificate in store.Certificates)
                certificate.Dispose();
        }
        catch (CryptographicException)
        {
            // unreadable store: the real build will say so in its chain status
        }
    });
}
