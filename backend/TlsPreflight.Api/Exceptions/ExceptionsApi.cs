using Microsoft.AspNetCore.Http.HttpResults;
using TlsPreflight.Api.Identity;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Exceptions;

public static class ExceptionsApi
{
    public static IEndpointRouteBuilder MapExceptionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/exceptions").WithTags("Exceptions");
        api.MapPost("/", Request).RequireAuthorization(AccessPolicies.User)
            .WithSummary("Ask the admins for an exception for a domain the policy stops (any user; limited per user)");
        api.MapGet("/", List).RequireAuthorization(AccessPolicies.User)
            .WithSummary("Exception requests, newest first: admins see the tenant's, users their own");
        api.MapPost("/{id:guid}/approve", Approve).RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Approve for N days: the policy allows the domain until then (admins)");
        api.MapPost("/{id:guid}/decline", Decline).RequireAuthorization(AccessPolicies.Admin)
            .WithSummary("Decline, with an optional answer for the sender (admins)");
        return app;
    }

    private static async Task<Results<Created<ExceptionView>, Ok<ExceptionView>, ValidationProblem, ProblemHttpResult>> Request(
        ExceptionRequestBody body, HttpContext context, ExceptionDesk desk, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var domain = "";
        if (body.Domain is null || body.Domain.Contains('@') || !DomainName.TryNormalize(body.Domain, out domain, out _))
        {
            errors["domain"] = ["A domain, not an address."];
        }

        var reason = body.Reason?.Trim() ?? "";
        if (reason.Length == 0 || reason.Length > ExceptionOptions.MaxReasonLength)
        {
            errors["reason"] = [$"Say why, in 1 to {ExceptionOptions.MaxReasonLength} characters."];
        }
        else if (reason.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors["reason"] = ["Plain text only."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = CallerIdentity.From(context.User)!;
        var outcome = await desk.RequestAsync(caller, domain, reason, cancellationToken);
        if (outcome.Request is not { } request)
        {
            return Problem(outcome);
        }

        var view = ExceptionView.From(request);
        return outcome.IsNew ? TypedResults.Created($"/api/v1/exceptions/{request.Id}", view) : TypedResults.Ok(view);
    }

    private static async Task<Results<Ok<IReadOnlyList<ExceptionView>>, ValidationProblem>> List(HttpContext context, ExceptionStore store,
        CancellationToken cancellationToken, string? status = null, int limit = 100)
    {
        ExceptionStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<ExceptionStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["One of pending, approved, declined."] });
            }

            wanted = parsed;
        }

        var caller = CallerIdentity.From(context.User)!;
        var rows = await store.ListAsync(caller.TenantId, caller.IsAdmin ? null : caller.UserName, wanted, Math.Clamp(limit, 1, 500), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ExceptionView>>(rows.Select(ExceptionView.From).ToList());
    }

    private static async Task<Results<Ok<ExceptionView>, ProblemHttpResult>> Approve(
        Guid id, ApproveBody body, HttpContext context, ExceptionDesk desk, CancellationToken cancellationToken)
    {
        var outcome = await desk.ApproveAsync(CallerIdentity.From(context.User)!, id, body.Days, cancellationToken);
        return outcome.Request is { } request ? TypedResults.Ok(ExceptionView.From(request)) : Problem(outcome);
    }

    private static async Task<Results<Ok<ExceptionView>, ValidationProblem, ProblemHttpResult>> Decline(
        Guid id, DeclineBody body, HttpContext context, ExceptionDesk desk, CancellationToken cancellationToken)
    {
        if (body.Answer is { Length: > ExceptionOptions.MaxAnswerLength })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["answer"] = [$"At most {ExceptionOptions.MaxAnswerLength} characters."] });
        }

        var outcome = await desk.DeclineAsync(CallerIdentity.From(context.User)!, id, body.Answer, cancellationToken);
        return outcome.Request is { } request ? TypedResults.Ok(ExceptionView.From(request)) : Problem(outcome);
    }

    private static ProblemHttpResult Problem(ExceptionOutcome outcome) => TypedResults.Problem(
        statusCode: outcome.Refusal switch
        {
            ExceptionRefusal.Invalid => StatusCodes.Status400BadRequest,
            ExceptionRefusal.NotFound => StatusCodes.Status404NotFound,
            ExceptionRefusal.TooMany => StatusCodes.Status429TooManyRequests,
            ExceptionRefusal.NotStopped or ExceptionRefusal.AlreadyDecided => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status503ServiceUnavailable,
        },
        detail: outcome.Detail);
}
