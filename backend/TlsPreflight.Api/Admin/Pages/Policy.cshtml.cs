using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TlsPreflight.Api.Admin.Policy;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.VerifiedDomains;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>The tenant policy: default rule, forced-TLS list, internal domains, fail mode, audit settings,
/// saved through the API's validator and store with optimistic concurrency; every version kept.</summary>
public sealed class PolicyModel(ITenantPolicyStore store, TenantDirectory directory, TenantLabelCatalog labels, TimeProvider clock) : AdminPageModel
{
    private const int HistoryShown = 20;

    [BindProperty]
    public PolicyForm Form { get; set; } = new();

    /// <summary>The newest saved version (who and when), as read for this response.</summary>
    public PolicyVersion Current { get; private set; } = null!;
    public IReadOnlyList<string> DirectoryDomains { get; private set; } = [];
    public IReadOnlyList<PolicyVersion> History { get; private set; } = [];
    /// <summary>The tenant's sensitivity labels from Microsoft Graph, to copy ids from; empty without Graph.</summary>
    public IReadOnlyList<ProtectingLabel> TenantLabels { get; private set; } = [];
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The version just saved (post/redirect/get), to confirm the save.</summary>
    public int? SavedVersion { get; private set; }

    /// <summary>Set when another admin saved a newer version since this form was loaded.</summary>
    public bool Stale { get; private set; }

    public async Task OnGetAsync(int? saved, CancellationToken cancellationToken)
    {
        SavedVersion = saved;
        await LoadAsync(cancellationToken);
        Form = PolicyForm.From(Current);
        Form.EnsureBlankRows(1);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        // Exceptions are approved on the Requests page, not edited here: the save keeps the current ones.
        var current = await store.GetCurrentAsync(Caller.TenantId, cancellationToken);
        if (!PolicyValidator.TryValidate(Form.ToPolicy() with { Exceptions = current.Policy.Grants }, out var policy, out var errors))
        {
            foreach (var (field, message) in Form.MapErrors(nameof(Form), errors))
            {
                ModelState.AddModelError(field, message);
            }

            return await RedisplayAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        var saved = await store.SaveAsync(Caller.TenantId, Form.Version, policy, Caller.UserName, cancellationToken);
        if (saved == null)
        {
            Stale = true;
            return await RedisplayAsync(StatusCodes.Status409Conflict, cancellationToken);
        }

        // post/redirect/get: a reload does not save twice
        return LocalRedirect("/admin/policy?saved=" + saved.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Shows the form again with what the admin typed, beside the current saved version.</summary>
    private async Task<PageResult> RedisplayAsync(int status, CancellationToken cancellationToken)
    {
        HttpContext.Response.StatusCode = status;
        await LoadAsync(cancellationToken);
        Form.EnsureBlankRows(1);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Current = await store.GetCurrentAsync(Caller.TenantId, cancellationToken);
        DirectoryDomains = await directory.GetVerifiedDomainsAsync(Caller.TenantId, cancellationToken);
        History = await store.GetHistoryAsync(Caller.TenantId, HistoryShown, cancellationToken);
        TenantLabels = await labels.GetLabelsAsync(Caller.TenantId, cancellationToken);
    }
}
