namespace TlsPreflight.Probing.Names;

/// <summary>Normalises recipient input to the domain we assess.</summary>
public static class DomainName
{
    /// <summary>Accepts a domain or an e-mail address (its domain is taken). Result: lower case, no trailing dot,
    /// IDN converted to A-labels (RFC 5890), each label 1–63 LDH characters, total ≤ 253, at least two labels.</summary>
    public static bool TryNormalize(string? input, out string domain, out string error)
        => throw new NotImplementedException("rules helper");

    /// <summary>As <see cref="TryNormalize"/>, throwing <see cref="InvalidDomainException"/>.</summary>
    public static string Normalize(string? input)
        => TryNormalize(input, out var domain, out var error) ? domain : throw new InvalidDomainException(input ?? "", error);
}
