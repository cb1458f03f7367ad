namespace TlsPreflight.Probing.Model;

/// <summary>Level names as serialised (kebab-case) and their meaning in one sentence (PRODUCT.md "The verdict"),
/// shared by the CLI, the API and the admin page.</summary>
public static class LevelText
{
    public static string Name(SecurityLevel level) => level switch
    {
        SecurityLevel.NoMail => "no-mail",
        _ => level.ToString().ToLowerInvariant(),
    };

    public static string Meaning(SecurityLevel level) => level switch
    {
        SecurityLevel.Unknown => "Could not be determined; this is not a sign of insecurity.",
        SecurityLevel.NoMail => "The domain accepts no mail.",
        SecurityLevel.Plaintext => "Mail may travel in clear text: some mail server offers no working STARTTLS.",
        SecurityLevel.Encrypted => "Mail is encrypted, but some certificate is not valid for its server: safe from eavesdropping only.",
        SecurityLevel.Verified => "Mail is encrypted to authenticated servers (TLS 1.2+, trusted, right name); an active attacker could still strip STARTTLS.",
        SecurityLevel.Enforced => "The domain publishes a policy (MTA-STS enforce or DANE) that senders must honour: downgrade-resistant.",
        _ => level.ToString(),
    };
}
