using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Admin.Policy;

/// <summary>What a policy can ask for, and the names the admin page shows and posts (the API's kebab-case names).</summary>
public static class PolicyChoices
{
    /// <summary>The levels a policy may require, weakest first.</summary>
    public static IReadOnlyList<SecurityLevel> Requirable { get; } =
        [SecurityLevel.Plaintext, SecurityLevel.Encrypted, SecurityLevel.Verified, SecurityLevel.Enforced];

    public static IReadOnlyList<PolicyAction> Actions { get; } = [PolicyAction.Allow, PolicyAction.Warn, PolicyAction.Block];

    public static string Name(SecurityLevel level) => LevelText.Name(level);

    public static string Name(PolicyAction action) => PolicyActionText.Name(action);
}
