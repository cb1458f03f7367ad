using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TlsPreflight.Api.Identity;

/// <summary>Signs Entra-shaped access tokens with an RSA key made at start-up; the normal JwtBearer handler validates them.</summary>
public sealed class DevelopmentTokenIssuer : IDisposable
{
    private readonly RSA rsa = RSA.Create(2048);
    private readonly DevelopmentSignInOptions options;
    private readonly TimeProvider clock;

    public DevelopmentTokenIssuer(IOptions<DevelopmentSignInOptions> options, TimeProvider clock)
    {
        this.options = options.Value;
        this.clock = clock;
        SigningKey = new RsaSecurityKey(rsa) { KeyId = Guid.NewGuid().ToString("N") };
    }

    public SecurityKey SigningKey { get; }

    public string Issue(string tenantId, string userId, string name, IEnumerable<string> roles)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = DevelopmentClaims.For(tenantId, userId, name, roles);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.TokenLifetime,
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose() => rsa.Dispose();
}
