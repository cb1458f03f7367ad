using Microsoft.AspNetCore.Http.HttpResults;
using TlsPreflight.Api.Identity;

namespace TlsPreflight.Api.Audit;

public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/audit").RequireAuthorization(AccessPolicies.Admin).WithTags("Audit");
        api.MapGet("/", List).WithSummary("Send decisions of the tenant, newest first (admins)");
        api.MapGet("/export", Export).WithSummary("The same entries as CSV (admins)").Produces(StatusCodes.Status200OK, contentType: "text/csv");
        api.MapGet("/stats", Stats).WithSummary("Decisions per day, weak domains and levels (admins)");
        api.MapGet("/{id:long}", Find).WithSummary("One entry (admins)");
        return app;
    }

    private static async Task<Results<Ok<AuditPageView>, ValidationProblem>> List(HttpContext context, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (!AuditQuery.TryParse(context.Request.Query, out var filter, out var page, out var pageSize, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await audit.QueryAsync(Tenant(context), filter, page, pageSize, cancellationToken);
        return TypedResults.Ok(new AuditPageView(result.Items.Select(AuditEntryView.From).ToList(), result.Page, result.PageSize, result.Total));
    }

    private static Results<PushStreamHttpResult, ValidationProblem> Export(HttpContext context, IAuditLog audit)
    {
        if (!AuditQuery.TryParse(context.Request.Query, out var filter, out _, out _, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var tenant = Tenant(context);
        return TypedResults.Stream(
            stream => AuditCsv.WriteAsync(audit.StreamAsync(tenant, filter, context.RequestAborted), stream, context.RequestAborted),
            contentType: AuditCsv.ContentType,
            fileDownloadName: AuditCsv.FileName);
    }

    private static async Task<Results<Ok<AuditStats>, ValidationProblem>> Stats(HttpContext context, IAuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var text = context.Request.Query["days"].ToString();
        var days = 30;
        if (text.Length > 0 && (!int.TryParse(text, out days) || days is < 1 or > 366))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = ["A whole number from 1 to 366."] });
        }

        var since = clock.GetUtcNow().UtcDateTime.Date.AddDays(1 - days);
        return TypedResults.Ok(await audit.GetStatsAsync(Tenant(context), new DateTimeOffset(since, TimeSpan.Zero), cancellationToken));
    }

    private static async Task<Results<Ok<AuditEntryView>, NotFound>> Find(long id, HttpContext context, IAuditLog audit, CancellationToken cancellationToken)
        => await audit.FindAsync(Tenant(context), id, cancellationToken) is { } entry
            ? TypedResults.Ok(AuditEntryView.From(entry))
            : TypedResults.NotFound();

    private static string Tenant(HttpContext context) => CallerIdentity.From(context.User)!.TenantId;
}
