using TlsPreflight.Api.Audit;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>Overview: the policy in one glance and the last 30 days of decisions.</summary>
public sealed class IndexModel(ITenantPolicyStore store, IAuditLog audit, PartnerOverview partners, TimeProvider clock) : AdminPageModel
{
    public PolicyVersion Current { get; private set; } = null!;
    public int Allowed { get; private set; }
    public int Warned { get; private set; }
    public int Blocked { get; private set; }
    public int PartnersChanged { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Current = await store.GetCurrentAsync(Caller.TenantId, cancellationToken);
        var since = clock.GetUtcNow().UtcDateTime.Date.AddDays(-29);
        var stats = await audit.GetStatsAsync(Caller.TenantId, new DateTimeOffset(since, TimeSpan.Zero), cancellationToken);
        Allowed = stats.PerDay.Sum(d => d.Allow);
        Warned = stats.PerDay.Sum(d => d.Warn);
        Blocked = stats.PerDay.Sum(d => d.Block);
        PartnersChanged = await partners.ChangedThisWeekAsync(Caller.TenantId, cancellationToken);
    }
}
