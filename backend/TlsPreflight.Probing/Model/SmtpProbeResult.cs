using System.Text.Json.Serialization;
using TlsPreflight.Probing.Json;

namespace TlsPreflight.Probing.Model;

/// <summary>How one SMTP conversation with one MX address ended. Serialised kebab-case.</summary>
public enum ProbeOutcome
{
    /// <summary>Banner, EHLO, (STARTTLS, handshake, EHLO,) QUIT all done.</summary>
    Completed,
    /// <summary>Not dialled: the address is private/loopback/link-local and the guard is on.</summary>
    SkippedPrivateAddress,
    /// <summary>Not dialled: e.g. an IPv6 address without IPv6 on this host.</summary>
    SkippedUnroutable,
    Refused,
    Timeout,
    /// <summary>421 or another 4xx at banner/EHLO: a result, not retried.</summary>
    RateLimited,
    /// <summary>5xx at banner or EHLO.</summary>
    Rejected,
    /// <summary>STARTTLS was offered and accepted but the TLS handshake failed.</summary>
    HandshakeFailed,
    /// <summary>Garbage, oversized lines or replies, or a closed connection mid-dialogue.</summary>
    ProtocolError,
}

/// <summary>Why a TLS handshake failed (<see cref="ProbeOutcome.HandshakeFailed"/>). Serialised kebab-case.</summary>
public enum HandshakeFailureKind
{
    /// <summary>The server said 220 to STARTTLS, then did not finish the handshake within the deadline.</summary>
    Timeout,
    /// <summary>The server offers only TLS 1.0/1.1 (or SSL): its ServerHello chose one, or it sent protocol_version.</summary>
    LegacyVersion,
    /// <summary>The server sent handshake_failure or insufficient_security: no cipher suite in common.</summary>
    NoSharedCipher,
    /// <summary>The server sent another TLS alert (named in the error).</summary>
    Alert,
    /// <summary>Closed, non-TLS data, or a failure the bytes do not explain.</summary>
    Other,
}

/// <summary>A step of one SMTP probe (RFC 5321, RFC 3207), or what stopped it before the dialogue. Serialised kebab-case,
/// the converter on the type (the step was a string once, and reads and writes the same words).</summary>
[JsonConverter(typeof(KebabCase<ProbeStep>))]
public enum ProbeStep
{
    /// <summary>The TCP connection to port 25.</summary>
    Connect,
    /// <summary>The server's 220 greeting.</summary>
    Banner,
    /// <summary>EHLO (or HELO when EHLO is refused).</summary>
    Ehlo,
    /// <summary>The STARTTLS command and its 220: "starttls".</summary>
    Starttls,
    /// <summary>The TLS handshake.</summary>
    Handshake,
    /// <summary>EHLO again inside TLS (RFC 3207 §4.2): "ehlo-tls".</summary>
    EhloTls,
    /// <summary>Not dialled: the probe queue for this address was full.</summary>
    Queue,
    /// <summary>Not finished: the domain's time limit ran out first.</summary>
    Domain,
}

/// <summary>Evidence from one SMTP probe. <see cref="Error"/> says in words what went wrong, if anything.</summary>
/// <param name="Step">The step where the conversation ended early (null when it ran to the end).</param>
/// <param name="HandshakeFailure">Set with <see cref="ProbeOutcome.HandshakeFailed"/>: why the handshake failed.</param>
public sealed record SmtpProbeResult(
    string Address,
    int Port,
    ProbeOutcome Outcome,
    ProbeStep? Step,
    string? Error,
    int? LastReplyCode,
    string? Banner,
    bool StartTlsOffered,
    TlsSessionReport? Tls,
    ProbeTimings Timings,
    HandshakeFailureKind? HandshakeFailure = null);

/// <summary>Milliseconds spent in each step; zero when the step was not reached.</summary>
public sealed record ProbeTimings(long ConnectMs, long BannerMs, long EhloMs, long StartTlsMs, long HandshakeMs, long TotalMs);

/// <summary>The negotiated TLS session and the certificate as we validated it ourselves.</summary>
/// <param name="Protocol">"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1.0".</param>
/// <param name="ChainDer">The chain the server presented, leaf first, DER. Kept for DANE matching; not serialised.</param>
public sealed record TlsSessionReport(
    string Protocol,
    string CipherSuite,
    CertificateReport Certificate,
    IReadOnlyList<string> ChainSubjects,
    [property: JsonIgnore] IReadOnlyList<byte[]> ChainDer);

/// <summary>The leaf certificate and our own verdicts on it.</summary>
/// <param name="Trusted">Chain builds to a system root or an extra trusted CA (expiry judged separately).</param>
/// <param name="NameMatches">A SAN dNSName matches the MX host (RFC 6125 §6.4; wildcard only as the whole left-most label).</param>
public sealed record CertificateReport(
    string Subject,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    IReadOnlyList<string> DnsNames,
    string Sha256Fingerprint,
    bool Trusted,
    string? TrustError,
    bool NameMatches,
    bool Expired);
