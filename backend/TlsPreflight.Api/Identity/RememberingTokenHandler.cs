using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TlsPreflight.Api.Identity;

/// <summary>The bearer token handler of the API: a token that passed every check (RS256 signature, issuer, audience,
/// lifetime) is remembered by its SHA-256 and accepted again without the RSA work until it expires or
/// <see cref="AccessOptions.ValidatedTokenMemory"/> has passed, whichever is first. A sender's add-in sends one token
/// for an hour of calls. Own code because Microsoft.IdentityModel keeps no validation results (its issue #3269).</summary>
/// <remarks>Failures are never remembered, so a forged or tampered token is checked in full every time. One handler
/// per scheme: what it remembers was validated with that scheme's parameters. A signing key withdrawn from the
/// issuer's metadata stops being honoured for remembered tokens after at most the memory time.</remarks>
public sealed class RememberingTokenHandler(TimeProvider clock, TimeSpan memory, int capacity) : JsonWebTokenHandler
{
    private readonly MemoryCache validated = new(new MemoryCacheOptions { SizeLimit = capacity, CompactionPercentage = 0.2 });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (string.IsNullOrEmpty(token) || memory <= TimeSpan.Zero)
        {
            return await base.ValidateTokenAsync(token, validationParameters);
        }

        var key = Fingerprint(token);
        var now = clock.GetUtcNow();
        if (validated.TryGetValue(key, out Remembered? held) && held != null && now < held.Until)
        {
            return held.Answer();
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid || result.SecurityToken is not { } accepted)
        {
            return result;
        }

        var until = Min(now + memory, new DateTimeOffset(DateTime.SpecifyKind(accepted.ValidTo, DateTimeKind.Utc)));
        var remembered = new Remembered(accepted, new TokenIdentity(result.ClaimsIdentity), result.TokenType, result.Issuer, until);
        if (until > now)
        {
            validated.Set(key, remembered, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
        }

        return remembered.Answer();
    }

    /// <summary>SHA-256 of the token's characters: the key holds no token, and no two tokens share one.</summary>
    private static Digest Fingerprint(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(token.AsSpan()), hash);
        var words = MemoryMarshal.Cast<byte, ulong>(hash);
        return new Digest(words[0], words[1], words[2], words[3]);
    }

    private readonly record struct Digest(ulong A, ulong B, ulong C, ulong D);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Remembered(SecurityToken Token, TokenIdentity Identity, string TokenType, string Issuer, DateTimeOffset Until)
    {
        // One identity for every request with this token: TokenIdentity refuses any change to its claims.
        public TokenValidationResult Answer() => new()
        {
            IsValid = true,
            SecurityToken = Token,
            ClaimsIdentity = Identity,
            TokenType = TokenType,
            Issuer = Issuer,
        };
    }
}
