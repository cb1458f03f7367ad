namespace TlsPreflight.Api.Identity;

/// <summary>`Access`: which Entra tenants may use the service. A multi-tenant app registration lets any tenant's
/// users get a token for it; this list is what stops a stranger's tenant from using (and filling) the service.</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";
    public const string AnyTenant = "*";

    /// <summary>Tenant ids (GUIDs), or `*` for any. Empty: any tenant in Development, and start-up fails elsewhere.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>How long a validated bearer token is accepted again without its signature being checked (at most
    /// until it expires); zero checks every call in full. See <see cref="RememberingTokenHandler"/>.</summary>
    public TimeSpan ValidatedTokenMemory { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many validated tokens are remembered (about one per active sender).</summary>
    public int ValidatedTokenCapacity { get; set; } = 20_000;

    /// <summary>True when a caller of <paramref name="tenantId"/> may use the service.</summary>
    public bool Allows(string? tenantId)
        => !string.IsNullOrEmpty(tenantId)
           && (AllowedTenants.Count == 0 || AllowedTenants.Any(t => t == AnyTenant || string.Equals(t.Trim(), tenantId, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Start-up check: outside Development the list must be set, so a deployment never serves every tenant by accident.</summary>
    public static AccessOptions Read(IHostApplicationBuilder builder)
    {
        var access = builder.Configuration.GetSection(SectionName).Get<AccessOptions>() ?? new();
        access.AllowedTenants = access.AllowedTenants.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList();
        if (access.AllowedTenants.Count == 0 && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                "Access:AllowedTenants is empty: list the Entra tenant ids that may use this service (Access__AllowedTenants__0=<tenant id>), or '*' for any tenant.");
        }

        return access;
    }
}
