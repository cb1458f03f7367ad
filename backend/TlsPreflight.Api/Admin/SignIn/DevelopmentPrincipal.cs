using System.Security.Claims;
using TlsPreflight.Api.Identity;

namespace TlsPreflight.Api.Admin.SignIn;

/// <summary>The cookie principal of the development sign-in: the same claims the development access token carries
/// (<see cref="DevelopmentClaims"/>), so CallerIdentity reads both alike.</summary>
public static class DevelopmentPrincipal
{
    public static ClaimsPrincipal Create(string tenantId, string userId, string name, bool isAdmin)
    {
        var claims = DevelopmentClaims.For(tenantId, userId, name, isAdmin ? [CallerIdentity.AdminAppRole] : []);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AdminSchemes.Cookie, "preferred_username", "roles"));
    }
}
