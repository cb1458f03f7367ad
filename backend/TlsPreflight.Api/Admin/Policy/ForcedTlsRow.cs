using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Admin.Policy;

/// <summary>One row of the forced-TLS table on the policy form. A row with no pattern is the "add" row.</summary>
public sealed class ForcedTlsRow
{
    public string? Pattern { get; set; }
    public SecurityLevel RequiredLevel { get; set; } = SecurityLevel.Verified;
    public PolicyAction Action { get; set; } = PolicyAction.Block;

    /// <summary>What a result that cannot be checked decides for this domain (not the fail mode).</summary>
    public PolicyAction WhenUnknown { get; set; } = PolicyAction.Block;
    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Pattern);
}
