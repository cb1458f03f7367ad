using Microsoft.AspNetCore.Authorization;

namespace TlsPreflight.Api.Identity;

/// <summary>Authorization policies: every API call needs the access_as_user scope and a tenant that
/// `Access:AllowedTenants` lets in; admins more. A refusal is a 403 problem.</summary>
public static class AccessPolicies
{
    public const string User = "TenantUser";
    public const string Admin = "TenantAdmin";

    public static void Add(AuthorizationOptions options, AccessOptions access)
    {
        options.AddPolicy(User, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => CallerIdentity.HasScope(context.User) && Allowed(context.User, access) != null));
        options.AddPolicy(Admin, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => CallerIdentity.HasScope(context.User) && Allowed(context.User, access)?.IsAdmin == true));
    }

    /// <summary>The caller, when its tenant is one the service serves; else null.</summary>
    public static CallerIdentity? Allowed(System.Security.Claims.ClaimsPrincipal user, AccessOptions access)
        => CallerIdentity.From(user) is { } caller && access.Allows(caller.TenantId) ? caller : null;
}
