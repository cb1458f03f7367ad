namespace TlsPreflight.Api.Edges;

/// <summary>`RateLimits`: requests per minute, per signed-in user and per tenant; refresh=true has its own, lower limits per user and per tenant.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public int PerUserPerMinute { get; set; } = 600;
    public int PerTenantPerMinute { get; set; } = 6000;
    public int RefreshPerUserPerMinute { get; set; } = 10;
    /// <summary>refresh=true by all users of one tenant together.</summary>
    public int RefreshPerTenantPerMinute { get; set; } = 60;
}
