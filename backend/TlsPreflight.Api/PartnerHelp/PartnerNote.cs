using System.Globalization;
using System.Text;
using TlsPreflight.Api.Words;
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

    /// <summary>The note in the sender's language (SenderWords `partner.*`): the sender forwards it as their own.</summary>
    public static PartnerNote For(DomainAssessment assessment, SenderWords words)
    {
        var domain = assessment.Domain;
        var body = new StringBuilder();
        body.AppendLine(words.Phrase("partner.hello")).AppendLine();
        body.AppendLine(words.Phrase("partner.intro", domain)).AppendLine();

        body.AppendLine(words.Phrase("partner.found"));
        foreach (var finding in assessment.Findings.Where(f => !IsPositive(f.Code)).DistinctBy(f => (f.Code, f.Host, f.Detail)).Take(10))
        {
            var where = string.Join(": ", new[] { finding.Host, finding.Detail }.Where(p => !string.IsNullOrEmpty(p)));
            body.AppendLine($"- {words.Finding(finding.Code).TrimEnd('.')}{(where.Length > 0 ? $" ({where})" : "")}.");
        }

        var hosts = assessment.MxHosts.Select(h => h.Host).Distinct(StringComparer.Ordinal).Take(10).ToList();
        if (hosts.Count > 0)
        {
            body.AppendLine(words.Phrase("partner.mx", string.Join(", ", hosts)));
        }

        body.AppendLine(words.Phrase("partner.checked", assessment.CheckedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))).AppendLine();
        body.AppendLine(words.Phrase("partner.why")).AppendLine();

        body.AppendLine(words.Phrase("partner.fixes"));
        foreach (var fix in FixesFor(assessment))
        {
            body.AppendLine(words.Phrase(fix switch
            {
                PartnerFix.EnableStartTls => "partner.fix.starttls",
                PartnerFix.RenewCertificate => "partner.fix.certificate",
                _ => "partner.fix.mtasts",
            }));
        }

        body.AppendLine().AppendLine(words.Phrase("partner.references") + " https://www.rfc-editor.org/rfc/rfc3207, https://www.rfc-editor.org/rfc/rfc8461, https://www.rfc-editor.org/rfc/rfc8460, https://www.rfc-editor.org/rfc/rfc7672")
            .AppendLine().AppendLine(words.Phrase("partner.thanks"));
        return new PartnerNote(words.Phrase("partner.subject", domain), body.ToString());
    }

    private static bool IsPositive(string code)
        => code is FindingCodes.MtaStsEnforce or FindingCodes.MtaStsTesting or FindingCodes.DaneValid or FindingCodes.TlsRptPresent;
}
