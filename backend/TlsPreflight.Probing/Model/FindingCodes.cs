namespace TlsPreflight.Probing.Model;

/// <summary>Machine codes, modelled on the RFC 8460 §4.3 result types where one exists.</summary>
public static class FindingCodes
{
    // RFC 8460 §4.3 result types
    public const string StartTlsNotSupported = "starttls-not-supported";
    public const string CertificateHostMismatch = "certificate-host-mismatch";
    public const string CertificateExpired = "certificate-expired";
    public const string CertificateNotTrusted = "certificate-not-trusted";
    public const string ValidationFailure = "validation-failure";
    public const string TlsaInvalid = "tlsa-invalid";
    public const string TlsaMismatch = "tlsa-mismatch";
    public const string DnssecInvalid = "dnssec-invalid";
    public const string DaneRequired = "dane-required";
    public const string StsPolicyFetchError = "sts-policy-fetch-error";
    public const string StsPolicyInvalid = "sts-policy-invalid";
    public const string StsWebPkiInvalid = "sts-webpki-invalid";
    public const string StsMxMismatch = "sts-mx-mismatch";

    // Our own
    public const string TlsHandshakeFailed = "tls-handshake-failed";
    public const string TlsNoSharedCipher = "tls-no-shared-cipher";
    public const string MxUnreachable = "mx-unreachable";
    public const string RateLimited = "rate-limited";
    public const string Timeout = "timeout";
    public const string SmtpRejected = "smtp-rejected";
    public const string ProtocolError = "protocol-error";
    public const string LegacyTlsVersion = "legacy-tls-version";
    public const string DowngradeSuspected = "downgrade-suspected";

    // From memory: the API's posture history of watched domains (issue 13)
    public const string CertificateExpiring = "certificate-expiring";
    public const string PolicyWeakened = "policy-weakened";
    public const string NullMx = "null-mx";
    public const string NullMxMixed = "null-mx-mixed";
    public const string ImplicitMx = "implicit-mx";
    public const string NoMailServer = "no-mail-server";
    public const string DomainNotFound = "domain-not-found";
    public const string MxIsCname = "mx-is-cname";
    public const string MxPrivateAddress = "mx-private-address";
    public const string MxNoAddress = "mx-no-address";
    public const string DnsFailure = "dns-failure";
    public const string ReservedDomain = "reserved-domain";
    /// <summary>The API answered the last known level because the latest check came back unknown (stale-if-error).</summary>
    public const string LatestCheckFailed = "latest-check-failed";
    public const string SmtpEgressBlocked = "smtp-egress-blocked";
    /// <summary>The API delegates probing to agents (Probing:Remote) and none of them answered.</summary>
    public const string ProberUnreachable = "prober-unreachable";
    public const string MtaStsEnforce = "mta-sts-enforce";
    public const string MtaStsTesting = "mta-sts-testing";
    public const string DaneValid = "dane-valid";
    public const string TlsRptPresent = "tls-rpt-present";
    public const string TlsRptInvalid = "tls-rpt-invalid";

    /// <summary>A recipient entry that is not an e-mail address or domain; decided by the fail mode.</summary>
    public const string InvalidRecipient = "invalid-recipient";
}
