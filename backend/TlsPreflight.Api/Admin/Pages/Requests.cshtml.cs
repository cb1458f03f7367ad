using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Exceptions;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>Exception requests of the tenant: pending ones to approve for N days or decline, and recent answers.</summary>
public sealed class RequestsModel(ExceptionStore store, ExceptionDesk desk, IOptions<ExceptionOptions> options) : AdminPageModel
{
    private const int Shown = 100;

    public IReadOnlyList<ExceptionRequest> Pending { get; private set; } = [];
    public IReadOnlyList<ExceptionRequest> Answered { get; private set; } = [];
    public int MaxDays => options.Value.MaxDays;

    /// <summary>The outcome of the last answer (post/redirect/get), or the reason it was refused.</summary>
    [TempData]
    public string? Outcome { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var all = await store.ListAsync(Caller.TenantId, null, null, Shown, cancellationToken);
        Pending = all.Where(r => r.Status == ExceptionStatus.Pending).ToList();
        Answered = all.Where(r => r.Status != ExceptionStatus.Pending).ToList();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, int days, CancellationToken cancellationToken)
    {
        var outcome = await desk.ApproveAsync(Caller, id, days, cancellationToken);
        Outcome = outcome.Request is { } r
            ? $"Approved: mail to {r.Domain} is allowed until {r.ExpiresAt:yyyy-MM-dd HH:mm} UTC (policy version {r.PolicyVersion})."
            : "Not approved: " + outcome.Detail;
        return LocalRedirect("/admin/requests");
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, string? answer, CancellationToken cancellationToken)
    {
        var outcome = await desk.DeclineAsync(Caller, id, answer is { Length: > ExceptionOptions.MaxAnswerLength } ? answer[..ExceptionOptions.MaxAnswerLength] : answer, cancellationToken);
        Outcome = outcome.Request is { } r ? $"Declined the request for {r.Domain}." : "Not declined: " + outcome.Detail;
        return LocalRedirect("/admin/requests");
    }
}
