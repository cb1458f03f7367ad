using Microsoft.AspNetCore.Mvc;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>One watched domain's history as a timeline, newest first: /admin/partner?domain=….</summary>
public sealed class PartnerModel(PartnerOverview overview) : AdminPageModel
{
    public string Domain { get; private set; } = "";
    public IReadOnlyList<PostureView> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] string? domain, CancellationToken cancellationToken)
    {
        if (domain == null || !DomainName.TryNormalize(domain, out var normalized, out _))
        {
            return NotFound();
        }

        Domain = normalized;
        var history = await overview.HistoryAsync(Caller.TenantId, normalized, cancellationToken);
        if (history == null)
        {
            return NotFound();
        }

        History = history;
        return Page();
    }
}
