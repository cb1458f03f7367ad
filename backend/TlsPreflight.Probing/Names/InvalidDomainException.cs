namespace TlsPreflight.Probing.Names;

/// <summary>The caller passed something that is not a valid domain or address. The message is one line for a user.</summary>
public sealed class InvalidDomainException(string input, string reason)
    : ArgumentException($"'{input}' is not a valid domain: {reason}")
{
    public string Input { get; } = input;
    public string Reason { get; } = reason;
}
