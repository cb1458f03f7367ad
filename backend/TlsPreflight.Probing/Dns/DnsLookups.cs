using System.Net;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Dns;

/// <summary>One MX target as the sender would try it.</summary>
/// <param name="Implicit">No MX existed: the domain itself is the mail host (RFC 5321 §5.1).</param>
public sealed record MxTarget(string Host, int Preference, bool Implicit);

/// <summary>The domain's mail servers. <see cref="Secure"/>: the answer carried a trusted AD bit.</summary>
public sealed record MxLookup(MxLookupStatus Status, IReadOnlyList<MxTarget> Targets, string? Error, bool Secure);

/// <summary>Addresses of a host. <see cref="CanonicalName"/> is set when the name was a CNAME.</summary>
public sealed record AddressLookup(IReadOnlyList<IPAddress> Addresses, string? CanonicalName, string? Error, bool Secure)
{
    /// <summary>No address, because the resolver's SERVFAIL was a DNSSEC validation failure.</summary>
    public bool DnssecFailure { get; init; }
}

/// <summary>TLSA records with their DNSSEC status (<see cref="DnssecStatus.None"/>: no records).</summary>
public sealed record TlsaLookup(DnssecStatus DnssecStatus, IReadOnlyList<TlsaRecordData> Records, string? Error);

/// <summary>TXT records (character-strings joined). An empty list with no error: the name has none.</summary>
public sealed record TxtLookup(IReadOnlyList<string> Records, string? Error);
