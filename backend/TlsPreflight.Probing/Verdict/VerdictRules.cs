namespace TlsPreflight.Probing.Verdict;

/// <summary>PRODUCT.md's levels and findings, as pure functions of the evidence.</summary>
public static class VerdictRules
{
    /// <summary>Compute each host's level, the domain level (weakest over usable hosts) and the findings.</summary>
    public static Verdict Decide(VerdictInput input)
        => throw new NotImplementedException("rules helper");
}
