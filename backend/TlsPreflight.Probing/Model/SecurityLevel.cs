namespace TlsPreflight.Probing.Model;

/// <summary>How mail to a domain travels, weakest to strongest (PRODUCT.md "The verdict").
/// Serialised in kebab-case: unknown, no-mail, plaintext, encrypted, verified, enforced.</summary>
public enum SecurityLevel
{
    Unknown = 0,
    NoMail = 1,
    Plaintext = 2,
    Encrypted = 3,
    Verified = 4,
    Enforced = 5,
}
