using System.Security.Claims;

namespace TlsPreflight.Api.Identity;

/// <summary>Who is calling, read from a validated access token (Entra ID or the Development issuer).</summary>
public sealed record CallerIdentity(string TenantId, string UserId, string UserName, bool IsAdmin)
{
    public const string AdminAppRole = "TlsPreflight.Admin";
    public const string Scope = "access_as_user";

    /// <summary>Directory role template ids (wids claim) that count as tenant admins.</summary>
    public static readonly IReadOnlySet<string> AdminDirectoryRoles = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "29232cdf-9323-42fd-ade2-1d097af3e4de", // Exchange Administrator
        "62e90394-69f5-4237-9190-012177145e10", // Global Administrator
    };

    // Entra ID claim names, short (MapInboundClaims off) and long (mapped) forms.
    private static readonly string[] TenantClaims = ["tid", "http://schemas.microsoft.com/identity/claims/tenantid"];
    private static readonly string[] ObjectIdClaims = ["oid", "http://schemas.microsoft.com/identity/claims/objectidentifier", "sub", ClaimTypes.NameIdentifier];
    private static readonly string[] NameClaims = ["preferred_username", "upn", "name", ClaimTypes.Name];
    private static readonly string[] RoleClaims = ["roles", ClaimTypes.Role];
    private static readonly string[] ScopeClaims = ["scp", "http://schemas.microsoft.com/identity/claims/scope"];

    /// <summary>Null when the token lacks a tenant or a user: such a caller gets no data.</summary>
    public static CallerIdentity? From(ClaimsPrincipal user)
        => Only(user) is { } token ? token.Caller : Read(user);

    /// <summary>The principal's one identity when it is a validated token's, which has read its caller already.</summary>
    private static TokenIdentity? Only(ClaimsPrincipal user)
        => user.Identities is ICollection<ClaimsIdentity> { Count: 1 } && user.Identity is TokenIdentity token ? token : null;

    /// <summary>The caller, read from the claims.</summary>
    internal static CallerIdentity? Read(ClaimsPrincipal user)
    {
        var tenant = First(user, TenantClaims);
        var userId = First(user, ObjectIdClaims);
        if (string.IsNullOrEmpty(tenant) || string.IsNullOrEmpty(userId))
        {
            return null;
        }

        var name = First(user, NameClaims) ?? userId;
        var isAdmin = Any(user, RoleClaims, role => role == AdminAppRole) || Any(user, ["wids"], AdminDirectoryRoles.Contains);
        return new CallerIdentity(tenant.ToLowerInvariant(), userId, name.ToLowerInvariant(), isAdmin);
    }

    /// <summary>Delegated tokens carry scopes space-separated in one `scp` claim.</summary>
    public static bool HasScope(ClaimsPrincipal user)
    {
        if (Only(user) is { } token)
        {
            return token.HasScope;
        }

        // Runs on every request (the User policy): spans over the claim, no split arrays.
        foreach (var type in ScopeClaims)
        {
            foreach (var claim in user.FindAll(type))
            {
                foreach (var range in claim.Value.AsSpan().Split(' '))
                {
                    if (claim.Value.AsSpan()[range].SequenceEqual(Scope))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // Plain loops: these run several times on every request (rate limit partition, access policy, endpoint).
    private static string? First(ClaimsPrincipal user, string[] types)
    {
        foreach (var type in types)
        {
            if (user.FindFirst(type)?.Value is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    private static bool Any(ClaimsPrincipal user, string[] types, Func<string, bool> wanted)
    {
        foreach (var type in types)
        {
            foreach (var claim in user.FindAll(type))
            {
                if (wanted(claim.Value))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
