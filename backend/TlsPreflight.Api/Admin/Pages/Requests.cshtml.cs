using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using System.Globalization;
using TlsPreflight.Api.Exceptions;
using TlsPreflight.Api.Words;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>Exception requests of the tenant: pending ones to approve for N days or decline, and recent answers.</summary>
public sealed class RequestsModel(ExceptionStore store, ExceptionDesk desk, IOptions<ExceptionOptions> options, AdminWords words) : AdminPageModel
{
    private const int Shown = 100;

    public IReadOnlyList<ExceptionRequest> Pending { get; private set; } = [];
    public IReadOnlyList<ExceptionRequest> Answered { get; private set; } = [];
    public int MaxDays => options.Value.MaxDays;

    /// <summary>The outcome of the last answer (post/redirect/get), or the reason it was refused.</summary>
    [TempData]
    public string? Outcome { get; set; }

    /// <summary>Whether <see cref="Outcome"/> says why an answer was refused.</summary>
    [TempData]
    public bool Refused { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var all = await store.ListAsync(Caller.TenantId, null, null, Shown, cancellationToken);
        Pending = all.Where(r => r.Status == ExceptionStatus.Pending).ToList();
        Answered = all.Where(r => r.Status != ExceptionStatus.Pending).ToList();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, int days, CancellationToken cancellationToken)
    {
        var outcome = await desk.ApproveAsync(Caller, id, days, cancellationToken);
        Refused = outcome.Request == null;
        Outcome = outcome.Request is { } r
            ? words["requests.outcome.approved", r.Domain, r.ExpiresAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "", r.PolicyVersion?.ToString(CultureInfo.InvariantCulture) ?? ""]
            : words["requests.outcome.not-approved", outcome.Detail ?? ""];
        return LocalRedirect("/admin/requests");
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, string? answer, CancellationToken cancellationToken)
    {
        var outcome = await desk.DeclineAsync(Caller, id, answer is { Length: > ExceptionOptions.MaxAnswerLength } ? answer[..ExceptionOptions.MaxAnswerLength] : answer, cancellationToken);
        Refused = outcome.Request == null;
        Outcome = outcome.Request is { } r ? words["requests.outcome.declined", r.Domain] : words["requests.outcome.not-declined", outcome.Detail ?? ""];
        return LocalRedirect("/admin/requests");
    }
}
