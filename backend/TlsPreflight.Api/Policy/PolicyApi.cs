using Microsoft.AspNetCore.Http.HttpResults;
using TlsPreflight.Api.Identity;
using TlsPreflight.Api.VerifiedDomains;

namespace TlsPreflight.Api.Policy;

public static class PolicyApi
{
    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/policy").WithTags("Policy");
        api.MapGet("/", GetPolicy).RequireAuthorization(AccessPolicies.User)
            .WithSummary("The tenant's effective policy (ETag = version)");
        api.MapPut("/", PutPolicy).RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Save a new policy version (admins; If-Match required)");
        api.MapGet("/history", GetHistory).RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Saved policy versions, newest first (admins)");
        return app;
    }

    private static async Task<Ok<PolicyDocument>> GetPolicy(HttpContext context, ITenantPolicyStore store, TenantDirectory directory, CancellationToken cancellationToken)
    {
        var caller = CallerIdentity.From(context.User)!;
        var current = await store.GetCurrentAsync(caller.TenantId, cancellationToken);
        var directoryDomains = await directory.GetVerifiedDomainsAsync(caller.TenantId, cancellationToken);
        context.Response.Headers.ETag = EntityTag.For(current.Version);
        return TypedResults.Ok(PolicyDocument.From(current, directoryDomains));
    }

    private static async Task<Results<Ok<PolicyDocument>, ValidationProblem, ProblemHttpResult>> PutPolicy(
        PolicyDocument document, HttpContext context, ITenantPolicyStore store, TenantDirectory directory, CancellationToken cancellationToken)
    {
        var caller = CallerIdentity.From(context.User)!;
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired,
                detail: "Send If-Match with the ETag of the policy you edited (GET /api/v1/policy).");
        }

        var current = await store.GetCurrentAsync(caller.TenantId, cancellationToken);
        if (!PolicyValidator.TryValidate(document.ToPolicy(current.Policy), out var policy, out var errors))
        {
            return TypedResults.ValidationProblem(errors.ToProblemErrors());
        }

        if (!EntityTag.TryParseIfMatch(ifMatch, current.Version, out var expected))
        {
            return Stale(current.Version);
        }

        var saved = await store.SaveAsync(caller.TenantId, expected, policy, caller.UserName, cancellationToken);
        if (saved == null)
        {
            return Stale(current.Version);
        }

        context.Response.Headers.ETag = EntityTag.For(saved.Version);
        return TypedResults.Ok(PolicyDocument.From(saved, await directory.GetVerifiedDomainsAsync(caller.TenantId, cancellationToken)));
    }

    private static async Task<Ok<IReadOnlyList<PolicyHistoryItem>>> GetHistory(HttpContext context, ITenantPolicyStore store, CancellationToken cancellationToken, int limit = 50)
    {
        var caller = CallerIdentity.From(context.User)!;
        var history = await store.GetHistoryAsync(caller.TenantId, Math.Clamp(limit, 1, 200), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PolicyHistoryItem>>(history.Select(v => new PolicyHistoryItem(v.Version, v.UpdatedBy, v.UpdatedAt, v.Policy)).ToList());
    }

    private static ProblemHttpResult Stale(int currentVersion)
        => TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
            detail: $"The policy changed since you read it (now version {currentVersion}). Reload and apply your change again.");
}
