using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.Words;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Decisions;

/// <summary>A finding with its sentence for the sender (API.md `findings[]`).</summary>
public sealed record FindingView(string Code, string? Host, string? Detail, string Text)
{
    public static FindingView From(Finding finding, SenderWords words) => new(finding.Code, finding.Host, finding.Detail, words.Finding(finding.Code));
}

/// <summary>The decision for one recipient domain (API.md `domains[]`).</summary>
public sealed record DomainDecision(
    string Domain,
    SecurityLevel? Level,
    SecurityLevel? RequiredLevel,
    PolicyAction Action,
    PolicyAction Decision,
    bool Internal,
    string MatchedRule,
    string Reason,
    IReadOnlyList<FindingView> Findings,
    DateTimeOffset? CheckedAt,
    bool FromCache,
    bool LastKnown = false,
    AllowedBy? AllowedBy = null,
    PolicyAction? RuleDecision = null,
    DateTimeOffset? ExceptionExpiresAt = null,
    ExceptionStatusView? ExceptionRequest = null)
{
    /// <summary>The level in the sender's words ("Not encrypted", or "Internal").</summary>
    public string LevelLabel { get; init; } = "";

    public string LevelMeaning { get; init; } = "";

    /// <summary>What the decision means for the sender ("Blocked by your organisation's policy").</summary>
    public string DecisionText { get; init; } = "";

    /// <summary>"Your policy requires verified (default rule)."; empty for an internal domain.</summary>
    public string Requirement { get; init; } = "";
}

/// <summary>The decision for a whole message: the strictest over its domains, and what to tell the sender.</summary>
public sealed record SendDecision(
    PolicyAction Decision,
    string Message,
    int PolicyVersion,
    FailMode FailMode,
    IReadOnlyList<DomainDecision> Domains,
    ProtectingLabel? ProtectedBy = null,
    IReadOnlyList<ProtectingLabel>? ProtectingLabels = null)
{
    /// <summary>The language of every sentence in this answer (en, de, fr or nl).</summary>
    public string Language { get; init; } = SupportedLanguages.Fallback;

    /// <summary>The message's decision in the sender's words, as a sentence.</summary>
    public string Headline { get; init; } = "";

    /// <summary>How the message will travel, in one sentence (the task pane).</summary>
    public string Summary { get; init; } = "";

    /// <summary>The same for Outlook's notification bar: the product's name first, at most 150 characters.</summary>
    public string Notification { get; init; } = "";

    /// <summary>`matchedRule` of an entry that is not an address or domain.</summary>
    public const string InvalidRule = "invalid";

    /// <summary>Applies <paramref name="policy"/> to each domain. Internal domains (no assessment) are allowed unchecked;
    /// each entry in <paramref name="invalidEntries"/> is its own `unknown` result, decided by the fail mode.</summary>
    public static SendDecision Make(
        PolicyVersion policy,
        IReadOnlySet<string> internalDomains,
        IReadOnlyList<(string Domain, DomainAssessment? Assessment, bool FromCache)> domains,
        SenderWords words,
        IReadOnlyList<string>? invalidEntries = null,
        ProtectingLabel? protectedBy = null,
        DateTimeOffset? now = null)
    {
        var decisions = new List<DomainDecision>(domains.Count);
        foreach (var (domain, assessment, fromCache) in domains)
        {
            if (assessment == null || internalDomains.Contains(domain))
            {
                decisions.Add(new DomainDecision(domain, null, null, PolicyAction.Allow, PolicyAction.Allow, true, "internal",
                    words.InternalReason, [], null, false)
                {
                    LevelLabel = words.LevelLabel(null),
                    LevelMeaning = words.LevelMeaning(null),
                    DecisionText = words.Decision(PolicyAction.Allow),
                });
                continue;
            }

            var applied = PolicyRules.RuleFor(policy.Policy, domain);
            var decision = PolicyRules.Decide(assessment.Level, applied.Rule, applied.WhenUnknown);
            if (assessment.Findings.Any(f => f.Code == FindingCodes.DowngradeSuspected))
            {
                decision = PolicyRules.DecideSuspectedDowngrade(applied);
            }

            var (final, allowedBy, grant) = WaysForward.Lift(decision, policy.Policy, domain, protectedBy, now);
            decisions.Add(new DomainDecision(domain, assessment.Level, applied.Rule.RequiredLevel, applied.Rule.Action, final, false,
                applied.Name, words.Reason(assessment.Level, assessment.Findings), assessment.Findings.Select(f => FindingView.From(f, words)).ToList(),
                assessment.CheckedAt, fromCache, StaleIfError.IsLastKnown(assessment), allowedBy, allowedBy == null ? null : decision, grant?.ExpiresAt)
            {
                LevelLabel = words.LevelLabel(assessment.Level),
                LevelMeaning = words.LevelMeaning(assessment.Level),
                DecisionText = words.Decision(final),
                Requirement = words.Requirement(applied.Rule.RequiredLevel, applied.Name),
            });
        }

        foreach (var entry in invalidEntries ?? [])
        {
            // Nothing can be checked for it, so it is unknown: the tenant's fail mode decides, as for an unreachable service.
            var finding = new Finding(FindingCodes.InvalidRecipient);
            var byFailMode = PolicyRules.WhenUnknown(policy.Policy.FailMode);
            decisions.Add(new DomainDecision(entry, SecurityLevel.Unknown, null, byFailMode, byFailMode, false, InvalidRule,
                words.Finding(finding.Code), [FindingView.From(finding, words)], null, false)
            {
                LevelLabel = words.LevelLabel(SecurityLevel.Unknown),
                LevelMeaning = words.LevelMeaning(SecurityLevel.Unknown),
                DecisionText = words.Decision(byFailMode),
            });
        }

        var overall = PolicyRules.Strictest(decisions.Select(d => d.Decision));
        var lifted = decisions.Any(d => d.AllowedBy == Decisions.AllowedBy.Label);
        var summary = MessageSummary.Summary(decisions, words);
        return new SendDecision(overall, DecisionMessage.Compose(overall, decisions, words, policy.Policy.Labels), policy.Version, policy.Policy.FailMode, decisions,
            lifted ? protectedBy : null, policy.Policy.Labels)
        {
            Language = words.Language,
            Headline = words.Decision(overall) + ".",
            Summary = summary,
            Notification = MessageSummary.Notification(summary, words),
        };
    }
}
