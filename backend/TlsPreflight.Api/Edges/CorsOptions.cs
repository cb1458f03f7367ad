namespace TlsPreflight.Api.Edges;

/// <summary>`Cors:AllowedOrigins`: the add-in's origins, whose fetches (and Outlook's preflight) are allowed.</summary>
public sealed class AddinCorsOptions
{
    public const string SectionName = "Cors";

    public List<string> AllowedOrigins { get; set; } = [];
}
