using TlsPreflight.Api.Admin.Exchange;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>Exchange Online PowerShell that makes Exchange enforce the forced-TLS list itself.</summary>
public sealed class ExportModel(ITenantPolicyStore store, AssessmentService assessments) : AdminPageModel
{
    public PolicyVersion Current { get; private set; } = null!;
    public ConnectorPlan Plan { get; private set; } = null!;
    public string Script { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Current = await store.GetCurrentAsync(Caller.TenantId, cancellationToken);
        var evidence = new Dictionary<string, ConnectorEvidence>(StringComparer.Ordinal);
        foreach (var rule in Current.Policy.ForcedTls.Where(r => !r.Pattern.StartsWith("*.", StringComparison.Ordinal)))
        {
            if (await assessments.GetKnownAsync(rule.Pattern, cancellationToken) is { MxHosts.Count: > 0 } known)
            {
                evidence[rule.Pattern] = new ConnectorEvidence(known.MxHosts.Select(m => m.Host).ToList(), known.Dane.Status == "valid");
            }
        }

        Plan = ExchangeConnectorScript.Plan(Current.Policy.ForcedTls, evidence);
        Script = ExchangeConnectorScript.Render(Plan, Current.Version);
    }
}
