using System.Text;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.PartnerHelp;

/// <summary>What a partner must change to receive mail over verified encryption: one fix per class of finding.</summary>
public enum PartnerFix
{
    /// <summary>No STARTTLS, TLS that fails, or only TLS 1.0/1.1.</summary>
    EnableStartTls,
    /// <summary>The certificate has expired, does not name the host, or is not from a trusted CA.</summary>
    RenewCertificate,
    /// <summary>No MTA-STS (or DANE) policy: senders cannot require encryption.</summary>
    PublishMtaSts,
}

/// <summary>"Tell their IT" (issue 14 §3): a short, polite message the sender sends to the partner's IT, written by the
/// service: what was found (the findings' sentences, the MX hosts, the certificate problem), why it matters, what
/// fixes it, with the RFCs. The subject and body are plain text, for <c>displayNewMessageForm</c>.</summary>
public sealed record PartnerNote(string Subject, string Body)
{
    private static readonly string[] TransportCodes =
        [FindingCodes.StartTlsNotSupported, FindingCodes.TlsHandshakeFailed, FindingCodes.TlsNoSharedCipher, FindingCodes.LegacyTlsVersion, FindingCodes.DowngradeSuspected];

    private static readonly string[] CertificateCodes =
        [FindingCodes.CertificateExpired, FindingCodes.CertificateHostMismatch, FindingCodes.CertificateNotTrusted, FindingCodes.ValidationFailure];

    /// <summary>The fixes that apply to an assessment, most urgent first.</summary>
    public static IReadOnlyList<PartnerFix> FixesFor(DomainAssessment assessment)
    {
        var codes = assessment.Findings.Select(f => f.Code).ToHashSet(StringComparer.Ordinal);
        var fixes = new List<PartnerFix>();
        if (assessment.Level <= SecurityLevel.Plaintext || TransportCodes.Any(codes.Contains))
        {
            fixes.Add(PartnerFix.EnableStartTls);
        }

        if (CertificateCodes.Any(codes.Contains) || assessment.Level == SecurityLevel.Encrypted)
        {
            fixes.Add(PartnerFix.RenewCertificate);
        }

        if (assessment.Level < SecurityLevel.Enforced)
        {
            fixes.Add(PartnerFix.PublishMtaSts);
        }

        return fixes;
    }

    public static PartnerNote For(DomainAssessment assessment, Func<string, string> findingSentence)
    {
        var domain = assessment.Domain;
        var body = new StringBuilder();
        body.AppendLine("Hello,").AppendLine();
        body.AppendLine($"We would like to send e-mail to {domain}, but our mail system found that it cannot be delivered to your mail servers over verified encryption, so our organisation's policy holds it back.")
            .AppendLine();

        body.AppendLine("What we found:");
        foreach (var finding in assessment.Findings.Where(f => !IsPositive(f.Code)).DistinctBy(f => (f.Code, f.Host, f.Detail)).Take(10))
        {
            var where = string.Join(": ", new[] { finding.Host, finding.Detail }.Where(p => !string.IsNullOrEmpty(p)));
            body.AppendLine($"- {findingSentence(finding.Code).TrimEnd('.')}{(where.Length > 0 ? $" ({where})" : "")}.");
        }

        var hosts = assessment.MxHosts.Select(h => h.Host).Distinct(StringComparer.Ordinal).Take(10).ToList();
        if (hosts.Count > 0)
        {
            body.AppendLine($"- Mail servers (MX) checked: {string.Join(", ", hosts)}.");
        }

        body.AppendLine($"- Checked at {assessment.CheckedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.").AppendLine();

        body.AppendLine("Why it matters: without encryption, or with a certificate that cannot be verified, a message can be read or changed on its way between our mail servers and yours.")
            .AppendLine();

        body.AppendLine("What fixes it:");
        foreach (var fix in FixesFor(assessment))
        {
            body.AppendLine(fix switch
            {
                PartnerFix.EnableStartTls => "- Offer STARTTLS with TLS 1.2 or newer on every MX host (RFC 3207; RFC 8996 retires TLS 1.0 and 1.1).",
                PartnerFix.RenewCertificate => "- Install a valid certificate from a public CA that names each MX host and has not expired (RFC 6125, RFC 7817).",
                _ => "- Publish an MTA-STS policy in enforce mode and a TLS-RPT record, so senders can require encryption and report failures (RFC 8461, RFC 8460); DANE is the DNSSEC alternative (RFC 7672).",
            });
        }

        body.AppendLine().AppendLine("References: https://www.rfc-editor.org/rfc/rfc3207, https://www.rfc-editor.org/rfc/rfc8461, https://www.rfc-editor.org/rfc/rfc8460, https://www.rfc-editor.org/rfc/rfc7672")
            .AppendLine().AppendLine("Thank you for looking into it.");
        return new PartnerNote($"Encrypted mail delivery to {domain}", body.ToString());
    }

    private static bool IsPositive(string code)
        => code is FindingCodes.MtaStsEnforce or FindingCodes.MtaStsTesting or FindingCodes.DaneValid or FindingCodes.TlsRptPresent;
}
