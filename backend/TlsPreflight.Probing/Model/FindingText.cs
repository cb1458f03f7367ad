namespace TlsPreflight.Probing.Model;

/// <summary>Plain-language sentences for <see cref="FindingCodes"/>, shared by the CLI, the API and the add-in.</summary>
public static class FindingText
{
    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        [FindingCodes.StartTlsNotSupported] = "The mail server does not offer encryption (STARTTLS), so mail to it travels in clear text.",
        [FindingCodes.CertificateHostMismatch] = "The mail server's certificate is not issued for its name.",
        [FindingCodes.CertificateExpired] = "The mail server's certificate has expired.",
        [FindingCodes.CertificateNotTrusted] = "The mail server's certificate does not chain to a trusted authority (for example, it is self-signed).",
        [FindingCodes.ValidationFailure] = "The mail server's certificate could not be validated.",
        [FindingCodes.TlsaInvalid] = "The DANE TLSA records are malformed.",
        [FindingCodes.TlsaMismatch] = "The DNSSEC-signed DANE TLSA records do not match the server's certificate; DANE senders will refuse this server.",
        [FindingCodes.DnssecInvalid] = "The domain's DNSSEC signatures do not validate; senders that use DANE (Exchange Online among them) will hold mail to this domain until it is fixed.",
        [FindingCodes.DaneRequired] = "DANE is required but not usable for this server.",
        [FindingCodes.StsPolicyFetchError] = "The domain announces MTA-STS but its policy could not be fetched.",
        [FindingCodes.StsPolicyInvalid] = "The domain's MTA-STS record or policy is invalid, so senders ignore it.",
        [FindingCodes.StsWebPkiInvalid] = "The MTA-STS policy server's HTTPS certificate is not valid, so senders cannot use the policy and treat the domain as if it had none.",
        [FindingCodes.StsMxMismatch] = "This mail server is not listed in the domain's MTA-STS policy.",
        [FindingCodes.TlsHandshakeFailed] = "The mail server offers STARTTLS but the TLS handshake fails; most senders then deliver in clear text.",
        [FindingCodes.TlsNoSharedCipher] = "The mail server offers STARTTLS but shares no cipher suite with modern senders, so the handshake fails and most senders deliver in clear text.",
        [FindingCodes.MxUnreachable] = "The mail server could not be reached.",
        [FindingCodes.RateLimited] = "The mail server was not tested: it asked us to come back later, or this service had too many checks waiting (rate limited).",
        [FindingCodes.Timeout] = "The mail server did not answer in time.",
        [FindingCodes.SmtpRejected] = "The mail server refused our connection with a permanent error.",
        [FindingCodes.ProtocolError] = "The mail server answered with something that is not valid SMTP.",
        [FindingCodes.LegacyTlsVersion] = "The mail server speaks only TLS 1.0 or 1.1; Exchange Online never uses these versions outbound, so it cannot encrypt mail to this server.",
        [FindingCodes.DowngradeSuspected] = "The domain publishes a TLS policy, yet this server did not complete STARTTLS: the connection may have been tampered with.",
        [FindingCodes.NullMx] = "The domain declares that it accepts no mail (null MX).",
        [FindingCodes.NullMxMixed] = "The domain mixes a null MX with real MX records, which is invalid; the real ones were checked.",
        [FindingCodes.ImplicitMx] = "The domain has no MX record; mail goes to the domain's own address.",
        [FindingCodes.NoMailServer] = "The domain has no mail server (no MX and no address).",
        [FindingCodes.DomainNotFound] = "The domain does not exist, so mail to it cannot be delivered: the address is probably mistyped — check the spelling.",
        [FindingCodes.MxIsCname] = "The MX name is an alias (CNAME), which the standards do not allow.",
        [FindingCodes.MxPrivateAddress] = "The mail server's address is private or local; it was not contacted.",
        [FindingCodes.MxNoAddress] = "The mail server name has no address.",
        [FindingCodes.DnsFailure] = "The domain's DNS could not be read.",
        [FindingCodes.ReservedDomain] = "The domain is a special-use or private name (such as localhost, .local or .internal) that does not exist on the internet, so it was not checked.",
        [FindingCodes.LatestCheckFailed] = "The latest check did not complete; this is the last known result, from the time shown.",
        [FindingCodes.SmtpEgressBlocked] = "This service cannot open SMTP connections (port 25 is blocked here), so the servers could not be tested.",
        [FindingCodes.ProberUnreachable] = "None of this service's probe agents could be reached, so the mail servers could not be tested.",
        [FindingCodes.MtaStsEnforce] = "The domain publishes an MTA-STS policy in enforce mode.",
        [FindingCodes.MtaStsTesting] = "The domain publishes an MTA-STS policy in testing mode: reports only, no enforcement.",
        [FindingCodes.DaneValid] = "Every mail server is authenticated by DNSSEC-signed DANE records.",
        [FindingCodes.TlsRptPresent] = "The domain receives TLS failure reports (TLS-RPT).",
        [FindingCodes.TlsRptInvalid] = "The domain's TLS-RPT record is invalid.",
        [FindingCodes.InvalidRecipient] = "It is not a valid e-mail address or domain, so no mail server could be checked for it.",
    };

    /// <summary>The sentence for a code; unknown codes fall back to the code itself.</summary>
    public static string For(string code) => Sentences.TryGetValue(code, out var sentence) ? sentence : code;

    /// <summary>The sentence with the finding's detail appended, e.g. "... (detail)".</summary>
    public static string Describe(Finding finding)
    {
        var sentence = For(finding.Code);
        return string.IsNullOrWhiteSpace(finding.Detail) ? sentence : $"{sentence} ({finding.Detail})";
    }

    /// <summary>Every code that has a sentence.</summary>
    public static IReadOnlyCollection<string> Codes => Sentences.Keys;
}
