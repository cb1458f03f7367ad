using System.Security.Cryptography;
using System.Text;
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
            // Each request gets its own identity: nothing one request adds to its principal reaches another.
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = held.Result.SecurityToken,
                ClaimsIdentity = held.Result.ClaimsIdentity.Clone(),
                TokenType = held.Result.TokenType,
                Issuer = held.Result.Issuer,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } accepted)
        {
            var until = Min(now + memory, new DateTimeOffset(DateTime.SpecifyKind(accepted.ValidTo, DateTimeKind.Utc)));
            if (until > now)
            {
                validated.Set(key, new Remembered(result, until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
            }
        }

        return result;
    }

    private static string Fingerprint(string token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var bytes = Encoding.UTF8.GetBytes(token);
        SHA256.HashData(bytes, hash);
        return Convert.ToBase64String(hash);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Remembered(TokenValidationResult Result, DateTimeOffset Until);
}
