using Microsoft.AspNetCore.Authorization;

namespace TlsPreflight.Api.Identity;

/// <summary>Authorization policies: every API call needs the access_as_user scope and a tenant; admins more.</summary>
public static class AccessPolicies
{
    public const string User = "TenantUser";
    public const string Admin = "TenantAdmin";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(User, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => CallerIdentity.HasScope(context.User) && CallerIdentity.From(context.User) != null));
        options.AddPolicy(Admin, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => CallerIdentity.HasScope(context.User) && CallerIdentity.From(context.User)?.IsAdmin == true));
    }
}
