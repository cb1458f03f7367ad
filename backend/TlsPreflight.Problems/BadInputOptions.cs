namespace TlsPreflight.Problems;

/// <summary>How a service words a body it could not read.</summary>
public sealed class BadInputOptions
{
    /// <summary>A service with one body shape names it after what was wrong (the probe agent:
    /// <c>{"domains": ["example.com", …]}</c>); null for a service with many.</summary>
    public string? ExpectedBody { get; set; }
}
