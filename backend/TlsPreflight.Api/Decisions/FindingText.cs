using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Decisions;

/// <summary>Plain words for finding codes and levels, for senders who do not read RFCs.</summary>
public static class FindingText
{
    public static string For(string code) => code switch
    {
        FindingCodes.StartTlsNotSupported => "The mail server does not offer encryption (STARTTLS).",
        FindingCodes.TlsHandshakeFailed => "The mail server's encryption handshake fails.",
        FindingCodes.CertificateExpired => "The mail server's certificate has expired.",
        FindingCodes.CertificateHostMismatch => "The mail server's certificate is for another name.",
        FindingCodes.CertificateNotTrusted => "The mail server's certificate is not from a trusted authority.",
        FindingCodes.ValidationFailure => "The mail server's certificate could not be validated.",
        FindingCodes.TlsaMismatch => "The mail server's certificate does not match its DANE record.",
        FindingCodes.TlsaInvalid => "The domain's DANE record is invalid.",
        FindingCodes.DnssecInvalid => "The domain's DNSSEC signatures are invalid.",
        FindingCodes.StsPolicyInvalid => "The domain's MTA-STS policy is invalid.",
        FindingCodes.StsPolicyFetchError => "The domain's MTA-STS policy could not be fetched.",
        FindingCodes.StsWebPkiInvalid => "The domain's MTA-STS policy server has an invalid certificate.",
        FindingCodes.StsMxMismatch => "A mail server is not listed in the domain's MTA-STS policy.",
        FindingCodes.MxUnreachable => "The mail servers could not be reached.",
        FindingCodes.RateLimited => "The mail server asked us to retry later.",
        FindingCodes.Timeout => "The check timed out.",
        FindingCodes.LegacyTlsVersion => "The mail server uses an outdated TLS version.",
        FindingCodes.DowngradeSuspected => "Encryption may have been stripped on the way.",
        FindingCodes.NullMx => "The domain accepts no mail.",
        FindingCodes.NoMailServer => "The domain has no mail server.",
        FindingCodes.ImplicitMx => "The domain has no MX record; its own address is used.",
        FindingCodes.MxPrivateAddress => "A mail server has a private address.",
        FindingCodes.DnsFailure => "The domain's DNS could not be read.",
        FindingCodes.SmtpEgressBlocked => "This service cannot reach mail servers (outbound port 25 is blocked).",
        FindingCodes.MtaStsEnforce => "The domain requires encryption (MTA-STS enforce).",
        FindingCodes.DaneValid => "The domain pins its certificates with DANE.",
        _ => code,
    };

    public static string Level(SecurityLevel level) => level switch
    {
        SecurityLevel.NoMail => "no-mail",
        _ => level.ToString().ToLowerInvariant(),
    };

    /// <summary>Why a domain sits at its level, in one sentence.</summary>
    public static string Reason(SecurityLevel level, IReadOnlyList<Finding> findings)
    {
        string? First(params string[] codes) => findings.Select(f => f.Code).FirstOrDefault(codes.Contains);

        var code = level switch
        {
            SecurityLevel.Plaintext => First(FindingCodes.StartTlsNotSupported, FindingCodes.TlsHandshakeFailed, FindingCodes.DowngradeSuspected),
            SecurityLevel.Encrypted => First(FindingCodes.CertificateExpired, FindingCodes.CertificateHostMismatch, FindingCodes.CertificateNotTrusted,
                FindingCodes.ValidationFailure, FindingCodes.LegacyTlsVersion),
            SecurityLevel.Unknown => First(FindingCodes.SmtpEgressBlocked, FindingCodes.Timeout, FindingCodes.DnsFailure, FindingCodes.MxUnreachable, FindingCodes.RateLimited),
            SecurityLevel.NoMail => First(FindingCodes.NullMx, FindingCodes.NoMailServer),
            _ => null,
        };
        if (code != null)
        {
            return For(code);
        }

        return level switch
        {
            SecurityLevel.Unknown => "Its mail servers could not be checked.",
            SecurityLevel.NoMail => "The domain accepts no mail.",
            SecurityLevel.Plaintext => "Mail to it may travel unencrypted.",
            SecurityLevel.Encrypted => "Its mail server's certificate is not valid for its name.",
            SecurityLevel.Verified => "Encrypted with a valid certificate, but the domain publishes no MTA-STS or DANE policy.",
            _ => "The domain requires encrypted delivery (MTA-STS or DANE).",
        };
    }
}
