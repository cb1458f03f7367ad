using System.Globalization;
using Microsoft.Extensions.Localization;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Words;

namespace TlsPreflight.Api.Words;

/// <summary>What a sender reads (SenderWords.resx and its de, fr, nl translations), in the request's language:
/// level labels and meanings, decisions, requirements and why a domain sits at its level.</summary>
public sealed class SenderWords(IStringLocalizer<SenderWords> text, EngineWords engine)
{
    public string Language => SupportedLanguages.Current;

    public string Finding(string code) => engine.Finding(code);

    /// <summary>The level in a sender's words ("Not encrypted"); <c>null</c> is an internal domain.</summary>
    public string LevelLabel(SecurityLevel? level) => text[level is { } l ? "label." + LevelText.Name(l) : "label.internal"];

    /// <summary>The label inside a sentence ("requires verified delivery").</summary>
    public string LevelInSentence(SecurityLevel? level) => LevelLabel(level).ToLower(CultureInfo.CurrentUICulture);

    public string LevelMeaning(SecurityLevel? level) => level is { } l ? engine.LevelMeaning(l) : text["internal.meaning"];

    /// <summary>What the decision means for the sender ("Blocked by your organisation's policy"), without a full stop.</summary>
    public string Decision(PolicyAction action) => text["decision." + action.ToString().ToLowerInvariant()];

    /// <summary>"Your policy requires verified (default rule)."</summary>
    public string Requirement(SecurityLevel required, string matchedRule) => matchedRule == PolicyRules.DefaultRuleName
        ? text["requirement.default", LevelInSentence(required)]
        : text["requirement.forced", LevelInSentence(required), matchedRule];

    public string InternalReason => text["internal.reason"];

    /// <summary>Why there is no note for a partner's IT: its level leaves nothing to fix (the 409 problem's detail).</summary>
    public string NothingToFix(string domain, SecurityLevel level) => text["partner.nothing-to-fix", domain, LevelLabel(level)];

    /// <summary>Why a domain sits at its level, in one sentence: the finding that explains it, else the level's reason.</summary>
    public string Reason(SecurityLevel level, IReadOnlyList<Finding> findings)
    {
        string? First(params string[] codes) => findings.Select(f => f.Code).FirstOrDefault(codes.Contains);

        var code = level switch
        {
            SecurityLevel.Plaintext => First(FindingCodes.StartTlsNotSupported, FindingCodes.LegacyTlsVersion, FindingCodes.TlsNoSharedCipher,
                FindingCodes.TlsHandshakeFailed, FindingCodes.DowngradeSuspected),
            SecurityLevel.Encrypted => First(FindingCodes.CertificateExpired, FindingCodes.CertificateHostMismatch, FindingCodes.CertificateNotTrusted,
                FindingCodes.ValidationFailure, FindingCodes.LegacyTlsVersion),
            SecurityLevel.Unknown => First(FindingCodes.ProberUnreachable, FindingCodes.SmtpEgressBlocked, FindingCodes.DnssecInvalid, FindingCodes.Timeout, FindingCodes.DnsFailure,
                FindingCodes.MxUnreachable, FindingCodes.RateLimited),
            SecurityLevel.NoMail => First(FindingCodes.DomainNotFound, FindingCodes.NullMx, FindingCodes.NoMailServer),
            _ => null,
        };
        return code != null ? engine.Finding(code) : text["reason." + LevelText.Name(level)];
    }

    /// <summary>A phrase of the dialog or the summary (<see cref="DecisionMessage"/>, <see cref="MessageSummary"/>).</summary>
    internal string Phrase(string key, params object[] arguments) => text[key, arguments];
}
