namespace TlsPreflight.Api.Policy;

/// <summary>`PolicyCache`: each instance keeps every tenant's current policy in memory.</summary>
public sealed class PolicyCacheOptions
{
    public const string SectionName = "PolicyCache";

    /// <summary>After this long the instance asks the database for the current version number again, so a save
    /// through another instance applies here within this time.</summary>
    public TimeSpan RevalidateAfter { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>While the database does not answer, decisions use the last policy read, but never one last
    /// confirmed longer ago than this; after that the answer is a 503.</summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Tenants held; beyond this a tenant's policy is read from the database each time.</summary>
    public int MaxTenants { get; set; } = 10_000;
}
