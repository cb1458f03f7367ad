using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace TlsPreflight.Prober.Keys;

/// <summary>Checks the caller's key against every configured key in constant time (no early exit on the first
/// differing byte, and every key is compared, so timing says neither which key nor how much of it matched).</summary>
public sealed class ProberKeys(IOptions<ProberOptions> options)
{
    /// <summary>Keys shorter than this are refused at start-up: a key is a secret, not a password.</summary>
    public const int MinimumKeyLength = 32;

    private readonly byte[][] keys = [.. options.Value.Keys.Where(k => k.Length > 0).Select(Hash)];

    public bool Accepts(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Hashing first gives equal-length inputs, which FixedTimeEquals needs to be constant-time.
        var candidate = Hash(presented);
        var accepted = false;
        foreach (var key in keys)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(candidate, key);
        }

        return accepted;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
