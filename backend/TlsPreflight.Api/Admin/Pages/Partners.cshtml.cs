using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Admin.Charts;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Api.Monitoring.Alerts;
using TlsPreflight.Api.Storage;
using TlsPreflight.Api.Words;
using TlsPreflight.Probing;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>Partners: the tenant's watched domains with level, since when, last change, days to certificate expiry and a
/// 90-day strip; and the tenant's webhooks.</summary>
public sealed class PartnersModel(PartnerOverview overview, AppDbContext db, IOptions<MonitoringOptions> options,
    IOptions<ProbingOptions> probing, TimeProvider clock, AdminWords words) : AdminPageModel
{
    public IReadOnlyList<WatchedDomainView> Domains { get; private set; } = [];
    public IReadOnlyDictionary<string, HtmlString> Strips { get; private set; } = new Dictionary<string, HtmlString>();
    public IReadOnlyList<TenantWebhookRow> Webhooks { get; private set; } = [];
    public string? WebhookError { get; private set; }

    [BindProperty]
    public string? NewWebhook { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddWebhookAsync(CancellationToken cancellationToken)
    {
        var count = await db.TenantWebhooks.CountAsync(w => w.TenantId == Caller.TenantId, cancellationToken);
        if (!WebhookAddress.TryParse(NewWebhook, probing.Value.AllowPrivateNetworks, out var url, out var error))
        {
            WebhookError = error;
        }
        else if (count >= options.Value.MaxTenantWebhooks)
        {
            WebhookError = words["partners.webhooks.at-most", options.Value.MaxTenantWebhooks];
        }
        else
        {
            db.TenantWebhooks.Add(new TenantWebhookRow { TenantId = Caller.TenantId, Url = url.AbsoluteUri, AddedAt = clock.GetUtcNow(), AddedBy = Caller.UserName });
            await db.SaveChangesAsync(cancellationToken);
            return RedirectToPage();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveWebhookAsync(long id, CancellationToken cancellationToken)
    {
        await db.TenantWebhooks.Where(w => w.TenantId == Caller.TenantId && w.Id == id).ExecuteDeleteAsync(cancellationToken);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Domains = await overview.DomainsAsync(Caller.TenantId, cancellationToken);
        var strips = new Dictionary<string, HtmlString>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var domain in Domains)
        {
            strips[domain.Domain] = PostureStrip.Render(domain.Domain, await overview.HistoryAsync(Caller.TenantId, domain.Domain, cancellationToken) ?? [], now);
        }

        Strips = strips;
        Webhooks = await db.TenantWebhooks.AsNoTracking().Where(w => w.TenantId == Caller.TenantId).OrderBy(w => w.Id).ToListAsync(cancellationToken);
    }
}
