namespace TlsPreflight.Api.Identity;

/// <summary>`DevelopmentSignIn`: a local token issuer for newcomers, scripts and browser tests. Development only.</summary>
public sealed class DevelopmentSignInOptions
{
    public const string SectionName = "DevelopmentSignIn";

    public bool Enabled { get; set; }
    public string Issuer { get; set; } = "https://tlspreflight.invalid/dev-issuer";
    public string Audience { get; set; } = "api://tlspreflight-dev";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);
}
