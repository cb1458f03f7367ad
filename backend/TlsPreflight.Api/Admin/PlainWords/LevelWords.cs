using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Admin.PlainWords;

/// <summary>What levels, actions and fail modes mean, for an admin who does not read RFCs.</summary>
public static class LevelWords
{
    /// <summary>The levels a policy may require, weakest first.</summary>
    public static IReadOnlyList<SecurityLevel> Requirable { get; } =
        [SecurityLevel.Plaintext, SecurityLevel.Encrypted, SecurityLevel.Verified, SecurityLevel.Enforced];

    public static IReadOnlyList<PolicyAction> Actions { get; } = [PolicyAction.Allow, PolicyAction.Warn, PolicyAction.Block];

    public static string Name(SecurityLevel level) => LevelText.Name(level);

    public static string Name(PolicyAction action) => PolicyActionText.Name(action);

    public static string Meaning(SecurityLevel level) => level switch
    {
        SecurityLevel.Unknown => "Could not be checked (DNS failure, servers unreachable, timed out). Never reported as insecure: the fail mode decides.",
        SecurityLevel.NoMail => "The domain accepts no mail.",
        SecurityLevel.Plaintext => "Mail may travel in clear: some mail server offers no encryption. Requiring only this means no requirement.",
        SecurityLevel.Encrypted => "Every mail server encrypts, but some certificate is not valid for its name. Safe from eavesdroppers who only listen, not from one who intercepts.",
        SecurityLevel.Verified => "Every mail server encrypts with TLS 1.2 or newer and a trusted certificate for its own name. An attacker on the path could still strip encryption, because the sender is not obliged to insist.",
        SecurityLevel.Enforced => "The domain itself publishes that senders must encrypt and verify (MTA-STS in enforce mode, or DANE with DNSSEC), which resists downgrade attacks.",
        _ => "",
    };

    /// <summary>What the sender sees in Outlook when a domain is below its required level.</summary>
    public static string SenderExperience(PolicyAction action) => action switch
    {
        PolicyAction.Allow => "The message is sent; the sender still sees the level in the task pane.",
        PolicyAction.Warn => "Outlook shows a warning naming the domain and why; the sender may send anyway.",
        PolicyAction.Block => "Outlook stops the message and says why; the sender must remove the recipient or ask an administrator.",
        _ => "",
    };

    public static string FailModeTradeOff(FailMode mode) => mode switch
    {
        FailMode.Open => "Fail open (delivery first): when a domain cannot be checked, or the service cannot be reached, the sender is warned and may send. Mail keeps flowing, but a weak domain can slip through while checks fail.",
        FailMode.Safe => "Fail safe (security first): when a domain cannot be checked, or the service cannot be reached, the message is blocked. Nothing leaves unverified, but an outage of checks stops mail to those domains.",
        _ => "",
    };
}
