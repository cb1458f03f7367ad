namespace TlsPreflight.Api.VerifiedDomains;

/// <summary>`Graph`: where the tenant's verified domains are read. Empty BaseUrl: no directory lookup.</summary>
public sealed class GraphOptions
{
    public const string SectionName = "Graph";

    /// <summary>e.g. https://graph.microsoft.com/v1.0 (tests: a loopback server answering like Graph).</summary>
    public string BaseUrl { get; set; } = "";
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromHours(1);
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
