using System.Globalization;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Verdict;

/// <summary>The level one SMTP probe supports. <see cref="Level"/> is null when the address did not answer usefully.</summary>
internal sealed record AddressVerdict(SecurityLevel? Level, bool DaneEnforced, IReadOnlyList<Finding> Findings)
{
    public static AddressVerdict Evaluate(MxHostEvidence host, SmtpProbeResult probe)
    {
        var name = host.Host;
        var where = $"{probe.Address}: {probe.Error ?? (probe.Step is { } step ? KebabCase.Name(step) : probe.Outcome.ToString())}";
        return probe.Outcome switch
        {
            ProbeOutcome.SkippedPrivateAddress => NoAnswer(new Finding(FindingCodes.MxPrivateAddress, name, probe.Address)),
            ProbeOutcome.SkippedUnroutable => NoAnswer(new Finding(FindingCodes.MxUnreachable, name, where)),
            ProbeOutcome.Refused => NoAnswer(new Finding(FindingCodes.MxUnreachable, name, where)),
            ProbeOutcome.Timeout => NoAnswer(new Finding(FindingCodes.Timeout, name, where)),
            ProbeOutcome.RateLimited => NoAnswer(new Finding(FindingCodes.RateLimited, name, where)),
            ProbeOutcome.Rejected => NoAnswer(new Finding(FindingCodes.SmtpRejected, name, where)),
            ProbeOutcome.ProtocolError => NoAnswer(new Finding(FindingCodes.ProtocolError, name, where)),
            // RFC 7672 §2.2 / posttls-finger `may`: a failed handshake makes opportunistic senders retry in clear.
            ProbeOutcome.HandshakeFailed => new(SecurityLevel.Plaintext, false, [new Finding(HandshakeFindingCode(probe.HandshakeFailure), name, where)]),
            ProbeOutcome.Completed when !probe.StartTlsOffered || probe.Tls is null
                => new(SecurityLevel.Plaintext, false, [new Finding(FindingCodes.StartTlsNotSupported, name, probe.Address)]),
            ProbeOutcome.Completed => WithTls(host, probe.Tls),
            _ => NoAnswer(new Finding(FindingCodes.ProtocolError, name, where)),
        };
    }

    /// <summary>A server that speaks only TLS 1.0/1.1 or shares no cipher is named as such; every other failure
    /// (timeout, alert, hang-up) is a failed handshake, with the reason in the detail.</summary>
    private static string HandshakeFindingCode(HandshakeFailureKind? kind) => kind switch
    {
        HandshakeFailureKind.LegacyVersion => FindingCodes.LegacyTlsVersion,
        HandshakeFailureKind.NoSharedCipher => FindingCodes.TlsNoSharedCipher,
        _ => FindingCodes.TlsHandshakeFailed,
    };

    private static AddressVerdict NoAnswer(Finding finding) => new(null, false, [finding]);

    private static AddressVerdict WithTls(MxHostEvidence host, TlsSessionReport tls)
    {
        var name = host.Host;
        var findings = new List<Finding>();
        if (!IsModernTls(tls.Protocol))
        {
            // RFC 8461 §7.2 and BCP 195 (RFC 8996): TLS 1.2 or later.
            findings.Add(new Finding(FindingCodes.LegacyTlsVersion, name, tls.Protocol));
        }

        var dane = host.Dane;
        var daneSecure = dane.DnssecStatus == DnssecStatus.Secure;
        if (daneSecure && dane.Outcome == TlsaOutcome.Match)
        {
            // RFC 7672 §3.1.1: with DANE-EE the WebPKI trust, name and dates do not matter; the TLSA binding is the proof.
            return new(SecurityLevel.Enforced, true, findings);
        }

        var cert = tls.Certificate;
        if (!cert.Trusted)
        {
            findings.Add(new Finding(FindingCodes.CertificateNotTrusted, name, cert.TrustError));
        }

        if (!cert.NameMatches)
        {
            var names = cert.DnsNames.Count > 0 ? string.Join(", ", cert.DnsNames) : cert.Subject;
            findings.Add(new Finding(FindingCodes.CertificateHostMismatch, name, $"certificate is for {names}"));
        }

        if (cert.Expired)
        {
            findings.Add(new Finding(FindingCodes.CertificateExpired, name,
                $"valid {cert.NotBefore.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {cert.NotAfter.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
        }

        var level = findings.Count == 0 ? SecurityLevel.Verified : SecurityLevel.Encrypted;
        if (daneSecure && dane.Outcome == TlsaOutcome.Mismatch)
        {
            // RFC 7672 §2.2: a DANE sender refuses this MX, so it is no better than encrypted.
            findings.Add(new Finding(FindingCodes.TlsaMismatch, name, "no usable TLSA record matches the presented certificate chain"));
            level = SecurityLevel.Encrypted;
        }

        return new(level, false, findings);
    }

    /// <summary>"TLSv1.2", "TLSv1.3" and later count; SSL and TLS 1.0/1.1 do not.</summary>
    internal static bool IsModernTls(string protocol)
    {
        const string prefix = "TLSv";
        return protocol.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
               && decimal.TryParse(protocol[prefix.Length..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version)
               && version >= 1.2m;
    }
}
