using System.Security.Claims;

namespace TlsPreflight.Api.Identity;

/// <summary>The Entra-shaped claims of a development caller, shared by the development token and the admin page's
/// development sign-in so <see cref="CallerIdentity"/> reads both alike.</summary>
public static class DevelopmentClaims
{
    public static List<Claim> For(string tenantId, string userId, string name, IEnumerable<string> roles)
    {
        var claims = new List<Claim>
        {
            new("tid", tenantId),
            new("oid", userId),
            new("sub", userId),
            new("preferred_username", name),
            new("scp", CallerIdentity.Scope),
        };
        claims.AddRange(roles.Select(role => new Claim("roles", role)));
        return claims;
    }
}
