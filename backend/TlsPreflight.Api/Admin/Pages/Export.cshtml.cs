using Microsoft.Extensions.Options;
using TlsPreflight.Api.Admin.Exchange;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>Exchange Online PowerShell that makes Exchange enforce the forced-TLS list itself. The page assesses the
/// domains it needs certificate names for (within the preview deadline) before it writes the script.</summary>
public sealed class ExportModel(ITenantPolicyStore store, AssessmentService assessments, AssessmentCache cache, IOptions<AssessmentOptions> options) : AdminPageModel
{
    public PolicyVersion Current { get; private set; } = null!;
    public ConnectorPlan Plan { get; private set; } = null!;
    public IReadOnlyList<string> StillChecking { get; private set; } = [];
    public string Script { get; private set; } = "";
    public TimeSpan Deadline => options.Value.PreviewDeadline;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Current = await store.GetCurrentAsync(Caller.TenantId, cancellationToken);
        var gathered = await ExportEvidence.GatherAsync(Current.Policy.ForcedTls, assessments, cache, options.Value.PreviewDeadline, Caller.TenantId, cancellationToken);
        StillChecking = gathered.StillChecking;
        Plan = ExchangeConnectorScript.Plan(Current.Policy.ForcedTls, gathered.Evidence);
        Script = ConnectorScript.Render(Plan, Current.Version);
    }
}
