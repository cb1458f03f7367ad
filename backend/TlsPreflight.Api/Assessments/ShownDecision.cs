using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Assessments;

/// <summary>One domain of a decision the add-in made from results it already had, as it showed it.</summary>
public sealed record ShownDomain(
    string Domain,
    SecurityLevel? Level,
    SecurityLevel? RequiredLevel,
    PolicyAction? Action,
    PolicyAction Decision,
    bool Internal,
    IReadOnlyList<string>? Findings,
    DateTimeOffset? CheckedAt);

/// <summary>`POST /api/v1/assessments/shown`: what Outlook acted on when the add-in decided without asking the
/// service. The audit records it as given (never re-decided), marked as the add-in's and with the result times.</summary>
public sealed record ShownDecision(IReadOnlyList<string> Recipients, PolicyAction Decision, int PolicyVersion, IReadOnlyList<ShownDomain> Domains)
{
    public const int MaxFindings = 40;

    /// <summary>Errors per field; empty when the decision can be audited.</summary>
    public Dictionary<string, string[]> Check(int maxRecipients)
    {
        var errors = new Dictionary<string, string[]>();
        if (Domains.Count == 0 || Domains.Count > maxRecipients)
        {
            errors["domains"] = [$"Between 1 and {maxRecipients} domains."];
            return errors;
        }

        for (var i = 0; i < Domains.Count; i++)
        {
            var domain = Domains[i];
            if (domain is null || !DomainName.TryNormalizeDomain(domain.Domain, out _, out _))
            {
                errors[$"domains[{i}]"] = ["A domain the service assessed."];
            }
            else if (domain.Findings is { Count: > MaxFindings } || domain.Findings?.Any(f => f is null || f.Length > 64) == true)
            {
                errors[$"domains[{i}].findings"] = [$"At most {MaxFindings} finding codes."];
            }
        }

        // What was shown is the strictest over the domains (PolicyRules.Strictest); anything else is not a decision we made.
        if (errors.Count == 0 && PolicyRules.Strictest(Domains.Select(d => d.Decision)) != Decision)
        {
            errors["decision"] = ["Not the strictest of the domains' decisions."];
        }

        return errors;
    }
}
