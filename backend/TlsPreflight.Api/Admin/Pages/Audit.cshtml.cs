using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;
using TlsPreflight.Api.Admin.Charts;
using TlsPreflight.Api.Admin.Policy;
using TlsPreflight.Api.Audit;
using TlsPreflight.Api.Words;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>The audit log: filters, paging, CSV export, and charts over the last 30 days.</summary>
public sealed class AuditModel(IAuditLog audit, TimeProvider clock, AdminWords words) : AdminPageModel
{
    public const int PageSize = 25;
    public const int ChartDays = 30;

    /// <summary>The filter fields as typed (echoed back into the form).</summary>
    public string? From { get; private set; }
    public string? To { get; private set; }
    public string? DecisionFilter { get; private set; }
    public string? DomainFilter { get; private set; }
    public string? SenderFilter { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public AuditPage? Entries { get; private set; }
    public HtmlString? PerDayChart { get; private set; }
    public HtmlString? WeakDomainsChart { get; private set; }
    public HtmlString? LevelsChart { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!TryReadFilter(out var filter, out var page))
        {
            HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Entries = await audit.QueryAsync(Caller.TenantId, filter, page, PageSize, cancellationToken);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - ChartDays);
        var stats = await audit.GetStatsAsync(Caller.TenantId, new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cancellationToken);
        PerDayChart = DecisionsPerDayChart.Render(stats.PerDay, first, today);
        WeakDomainsChart = HorizontalBarChart.Render("chart-weak-domains", words["audit.weak"],
            stats.WeakDomains.Take(10).Select(w => (w.Domain, w.Count, "weak")).ToList());
        LevelsChart = HorizontalBarChart.Render("chart-levels", words["audit.levels"],
            Enum.GetValues<SecurityLevel>().Select(level => PolicyChoices.Name(level))
                .Select(name => (name, stats.Levels.TryGetValue(name, out var n) ? n : 0, "level-" + name)).ToList());
    }

    /// <summary>The filtered entries as CSV (the API's format), streamed.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!TryReadFilter(out var filter, out _))
        {
            return BadRequest(string.Join(" ", Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        Response.ContentType = AuditCsv.ContentType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{AuditCsv.FileName}\"";
        await AuditCsv.WriteAsync(audit.StreamAsync(Caller.TenantId, filter, cancellationToken), Response.Body, cancellationToken);
        return new EmptyResult();
    }

    /// <summary>This page with the same filters and another page number (or the CSV handler).</summary>
    public string Link(int? page = null, string? handler = null)
    {
        var query = new QueryBuilder();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name, value);
            }
        }

        Add("handler", handler);
        Add("from", From);
        Add("to", To);
        Add("decision", DecisionFilter);
        Add("domain", DomainFilter);
        Add("sender", SenderFilter);
        Add("page", page?.ToString(CultureInfo.InvariantCulture));
        return "/admin/audit" + query.ToQueryString();
    }

    /// <summary>Reuses the API's parser (AuditQuery). A date alone in "to" means through the end of that day.</summary>
    private bool TryReadFilter(out AuditFilter filter, out int page)
    {
        var query = Request.Query;
        From = query["from"];
        To = query["to"];
        DecisionFilter = query["decision"];
        DomainFilter = query["domain"];
        SenderFilter = query["sender"];

        var values = query.ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);
        values["pageSize"] = PageSize.ToString(CultureInfo.InvariantCulture);
        // 9999-12-31 has no next day (AddDays would throw, a 500); it stays the exclusive bound as typed.
        if (DateOnly.TryParseExact(To, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var toDay) && toDay < DateOnly.MaxValue)
        {
            values["to"] = new StringValues(toDay.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        var ok = AuditQuery.TryParse(new QueryCollection(values), out filter, out page, out _, out var errors);
        Errors = errors;
        return ok;
    }
}
