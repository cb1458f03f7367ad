namespace TlsPreflight.Probing.MtaSts;

/// <summary>The policy host resolves only to addresses we must not dial (SSRF guard, AddressGuard).</summary>
public sealed class AddressRefusedException(string message) : IOException(message);
