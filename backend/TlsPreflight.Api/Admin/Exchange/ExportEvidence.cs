using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Admin.Exchange;

/// <summary>The evidence behind each domain's -TlsDomain and DANE mode, and the domains whose check did not finish in time.</summary>
public sealed record GatheredEvidence(IReadOnlyDictionary<string, ConnectorEvidence> Evidence, IReadOnlyList<string> StillChecking);

/// <summary>Gathers the export's evidence: a cached assessment is used as it is only when its MX lookup was
/// DNSSEC-authenticated; any other domain is assessed now (re-checked when cached), all within one deadline,
/// so the script never guesses a name and never rests a -TlsDomain on an unauthenticated old observation.</summary>
public static class ExportEvidence
{
    public static async Task<GatheredEvidence> GatherAsync(
        IEnumerable<ForcedTlsRule> rules, AssessmentService assessments, AssessmentCache cache, TimeSpan deadline, string tenantId, CancellationToken cancellationToken)
    {
        var domains = rules
            .Where(rule => rule.Action == PolicyAction.Block && rule.RequiredLevel >= SecurityLevel.Verified)
            .Select(rule => rule.Pattern)
            .Where(pattern => !pattern.StartsWith("*.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var results = await Task.WhenAll(domains.Select(domain => EvidenceForAsync(domain, assessments, cache, deadline, tenantId, cancellationToken)));
        return new GatheredEvidence(
            results.Where(r => r.Evidence is not null).ToDictionary(r => r.Domain, r => r.Evidence!, StringComparer.Ordinal),
            [.. results.Where(r => r.Evidence is null).Select(r => r.Domain)]);
    }

    private static async Task<(string Domain, ConnectorEvidence? Evidence)> EvidenceForAsync(
        string domain, AssessmentService assessments, AssessmentCache cache, TimeSpan deadline, string tenantId, CancellationToken cancellationToken)
    {
        var known = await cache.GetKnownAsync(domain, cancellationToken);
        if (known is { MxHosts.Count: > 0, Dane.MxLookupSecure: true })
        {
            return (domain, ConnectorEvidence.From(known, checkedAtExport: false));
        }

        var fresh = await assessments.GetAsync(domain, refresh: known is not null, deadline, tenantId, cancellationToken);
        var timedOut = fresh.Assessment.MxHosts.Count == 0 && fresh.Assessment.Findings.Any(f => f.Code == FindingCodes.Timeout);
        return (domain, timedOut ? null : ConnectorEvidence.From(fresh.Assessment, checkedAtExport: !fresh.FromCache));
    }
}
