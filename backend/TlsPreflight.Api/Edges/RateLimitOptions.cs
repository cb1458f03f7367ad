namespace TlsPreflight.Api.Edges;

/// <summary>`RateLimits`: requests per minute, per signed-in user and per tenant; refresh=true has its own, lower limit.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public int PerUserPerMinute { get; set; } = 600;
    public int PerTenantPerMinute { get; set; } = 6000;
    public int RefreshPerUserPerMinute { get; set; } = 10;
}
