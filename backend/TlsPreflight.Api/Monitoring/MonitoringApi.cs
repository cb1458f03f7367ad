using Microsoft.AspNetCore.Http.HttpResults;
using TlsPreflight.Api.Identity;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Monitoring;

public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/monitoring").RequireAuthorization(AccessPolicies.Admin).WithTags("Monitoring");
        api.MapGet("/domains", Domains).WithSummary("The tenant's watched partner domains with level, since when, last change, certificate expiry (admins)");
        api.MapGet("/domains/{domain}/history", History).WithSummary("A watched domain's posture history, newest first (admins)");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<WatchedDomainView>>> Domains(HttpContext context, PartnerOverview overview, CancellationToken cancellationToken)
        => TypedResults.Ok(await overview.DomainsAsync(CallerIdentity.From(context.User)!.TenantId, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<PostureView>>, NotFound, ValidationProblem>> History(
        string domain, HttpContext context, PartnerOverview overview, CancellationToken cancellationToken)
    {
        if (!DomainName.TryNormalize(domain, out var normalized, out var error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["domain"] = [error] });
        }

        var history = await overview.HistoryAsync(CallerIdentity.From(context.User)!.TenantId, normalized, cancellationToken);
        return history == null ? TypedResults.NotFound() : TypedResults.Ok(history);
    }
}
