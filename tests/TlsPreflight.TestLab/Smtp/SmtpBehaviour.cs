namespace TlsPreflight.TestLab.Smtp;

/// <summary>How a <see cref="LabSmtpServer"/> behaves towards every connection.</summary>
public enum SmtpBehaviour
{
    /// <summary>A well-behaved server that does not offer STARTTLS.</summary>
    Plaintext,
    /// <summary>A well-behaved server offering STARTTLS with the configured certificate.</summary>
    StartTls,
    /// <summary>An old server that answers EHLO with 502 and only knows HELO (RFC 5321 §3.2).</summary>
    HeloOnly,
    /// <summary>Offers STARTTLS, then answers it with 454 (RFC 3207 §4: TLS not available).</summary>
    StartTlsRefused,

    // Hostile servers: each must end in a classified result within the prober's deadlines.

    /// <summary>Accepts and never says anything.</summary>
    NoBanner,
    /// <summary>Sends the banner one byte a second (a tarpit).</summary>
    DripBanner,
    /// <summary>`421` at connect, then closes (a rate limiter).</summary>
    Reject421AtConnect,
    /// <summary>Bytes that are not an SMTP reply.</summary>
    Garbage,
    /// <summary>A banner line one mebibyte long.</summary>
    HugeLine,
    /// <summary>Says 220 to STARTTLS, then never answers the ClientHello.</summary>
    StallHandshake,
    /// <summary>Says 220 to STARTTLS, reads the ClientHello, then closes.</summary>
    CloseMidHandshake,
    /// <summary>Says 220 to STARTTLS, then answers the ClientHello with a TLS 1.0 ServerHello (an old TLS 1.0-only server; hand-made bytes).</summary>
    Tls10Only,
    /// <summary>Says 220 to STARTTLS, then answers the ClientHello with a fatal protocol_version alert (hand-made bytes).</summary>
    ProtocolVersionAlert,
    /// <summary>Says 220 to STARTTLS, then answers the ClientHello with a fatal handshake_failure alert, as OpenSSL does
    /// for "no shared cipher" (hand-made bytes).</summary>
    NoSharedCipherAlert,
    /// <summary>A multi-line banner that never ends.</summary>
    EndlessMultilineReply,
}
