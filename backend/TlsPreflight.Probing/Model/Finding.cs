namespace TlsPreflight.Probing.Model;

/// <summary>One observation about a domain; <see cref="Code"/> is one of <see cref="FindingCodes"/>.</summary>
public sealed record Finding(string Code, string? Host = null, string? Detail = null);
