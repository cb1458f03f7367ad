using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Decisions;

/// <summary>Sender-facing words for why a domain sits at its level. Level names (<see cref="LevelText"/>) and finding
/// sentences (<see cref="FindingText"/>) come from the engine, shared with the CLI and the add-in.</summary>
public static class DecisionText
{
    /// <summary>Why a domain sits at its level, in one sentence.</summary>
    public static string Reason(SecurityLevel level, IReadOnlyList<Finding> findings)
    {
        string? First(params string[] codes) => findings.Select(f => f.Code).FirstOrDefault(codes.Contains);

        var code = level switch
        {
            SecurityLevel.Plaintext => First(FindingCodes.StartTlsNotSupported, FindingCodes.LegacyTlsVersion, FindingCodes.TlsNoSharedCipher,
                FindingCodes.TlsHandshakeFailed, FindingCodes.DowngradeSuspected),
            SecurityLevel.Encrypted => First(FindingCodes.CertificateExpired, FindingCodes.CertificateHostMismatch, FindingCodes.CertificateNotTrusted,
                FindingCodes.ValidationFailure, FindingCodes.LegacyTlsVersion),
            SecurityLevel.Unknown => First(FindingCodes.ProberUnreachable, FindingCodes.SmtpEgressBlocked, FindingCodes.DnssecInvalid, FindingCodes.Timeout,
                FindingCodes.DnsFailure, FindingCodes.MxUnreachable, FindingCodes.RateLimited),
            SecurityLevel.NoMail => First(FindingCodes.DomainNotFound, FindingCodes.NullMx, FindingCodes.NoMailServer),
            _ => null,
        };
        if (code != null)
        {
            return FindingText.For(code);
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
