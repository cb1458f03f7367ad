using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TlsPreflight.Api.Identity;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Identity;

/// <summary>A remembered token is accepted again without its signature being checked only while it is both
/// unexpired and within the memory time; anything that failed is checked in full every time.</summary>
public sealed class RememberingTokenHandlerTests
{
    private const string Issuer = "https://issuer.test/";
    private const string Audience = "api://tls-preflight";
    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "k1" };
    private static readonly RsaSecurityKey OtherKey = new(RSA.Create(2048)) { KeyId = "k2" };

    private static TokenValidationParameters Trusting(SecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key,
        NameClaimType = "preferred_username",
    };

    private static string Token(SecurityKey key, TimeSpan lifetime, string tenant = "11111111-1111-1111-1111-111111111111")
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(DevelopmentClaims.For(tenant, "user-1", "alice@contoso.example", [])),
            NotBefore = now.AddMinutes(-1),
            IssuedAt = now.AddMinutes(-1),
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    [Fact]
    public async Task A_validated_token_is_accepted_again_from_memory_with_its_caller_read_once()
    {
        var handler = new RememberingTokenHandler(new ShiftableClock(), TimeSpan.FromMinutes(5), 100) { MapInboundClaims = false };
        var token = Token(Key, TimeSpan.FromHours(1));

        var first = await handler.ValidateTokenAsync(token, Trusting(Key));
        // The key is no longer trusted: only memory can accept the token now.
        var again = await handler.ValidateTokenAsync(token, Trusting(OtherKey));

        Assert.True(first.IsValid);
        Assert.True(again.IsValid);
        var identity = Assert.IsType<TokenIdentity>(again.ClaimsIdentity);
        Assert.Equal("11111111-1111-1111-1111-111111111111", identity.Caller?.TenantId);
        // Shared by both requests, so nobody may change its claims.
        Assert.Same(first.ClaimsIdentity, again.ClaimsIdentity);
        Assert.Throws<InvalidOperationException>(() => again.ClaimsIdentity.AddClaim(new Claim("roles", "TlsPreflight.Admin")));
        Assert.DoesNotContain(again.ClaimsIdentity.Claims, c => c.Value == "TlsPreflight.Admin");
        Assert.Equal(CallerIdentity.Read(new ClaimsPrincipal(first.ClaimsIdentity)), CallerIdentity.From(new ClaimsPrincipal(again.ClaimsIdentity)));
    }

    [Fact]
    public async Task After_the_memory_time_the_token_is_checked_in_full_again()
    {
        var clock = new ShiftableClock();
        var handler = new RememberingTokenHandler(clock, TimeSpan.FromMinutes(5), 100);
        var token = Token(Key, TimeSpan.FromHours(1));
        Assert.True((await handler.ValidateTokenAsync(token, Trusting(Key))).IsValid);

        clock.Offset = TimeSpan.FromMinutes(6);

        Assert.False((await handler.ValidateTokenAsync(token, Trusting(OtherKey))).IsValid);
    }

    [Fact]
    public async Task A_token_is_never_remembered_past_its_own_expiry()
    {
        var clock = new ShiftableClock();
        var handler = new RememberingTokenHandler(clock, TimeSpan.FromHours(2), 100);
        var token = Token(Key, TimeSpan.FromMinutes(10));
        Assert.True((await handler.ValidateTokenAsync(token, Trusting(Key))).IsValid);

        clock.Offset = TimeSpan.FromMinutes(11);

        Assert.False((await handler.ValidateTokenAsync(token, Trusting(OtherKey))).IsValid);
    }

    [Fact]
    public async Task A_refused_token_is_not_remembered_and_a_tampered_copy_of_a_good_one_is_refused()
    {
        var handler = new RememberingTokenHandler(new ShiftableClock(), TimeSpan.FromMinutes(5), 100);
        var forged = Token(OtherKey, TimeSpan.FromHours(1));
        Assert.False((await handler.ValidateTokenAsync(forged, Trusting(Key))).IsValid);
        Assert.False((await handler.ValidateTokenAsync(forged, Trusting(Key))).IsValid);

        var good = Token(Key, TimeSpan.FromHours(1));
        Assert.True((await handler.ValidateTokenAsync(good, Trusting(Key))).IsValid);
        var signature = good[(good.LastIndexOf('.') + 1)..];
        var tampered = good[..(good.LastIndexOf('.') + 1)] + (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
        Assert.False((await handler.ValidateTokenAsync(tampered, Trusting(Key))).IsValid);
    }
}
