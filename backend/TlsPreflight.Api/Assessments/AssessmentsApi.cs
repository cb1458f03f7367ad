using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Edges;
using TlsPreflight.Api.Identity;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Assessments;

public static class AssessmentsApi
{
    /// <summary><paramref name="SensitivityLabel"/>: the message's label GUID as Outlook reports it (Mailbox 1.13), when it has one.</summary>
    public sealed record AssessmentRequest(IReadOnlyList<string> Recipients, AssessmentIntent Intent, Guid? SensitivityLabel = null);

    public static IEndpointRouteBuilder MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AccessPolicies.User).WithTags("Assessments");
        api.MapPost("/assessments", AssessMessage)
            .WithSummary("Decide a message: assess its recipient domains and apply the tenant's policy");
        api.MapPost("/assessments/shown", RecordShown)
            .WithSummary("Audit a decision the add-in made from results it already had, as the sender saw it");
        api.MapGet("/domains/{domain}", GetDomain)
            .RequireRateLimiting(RateLimits.Refresh)
            .WithSummary("The full assessment of one domain (refresh=true bypasses the cache)");
        return app;
    }

    private static async Task<Results<Ok<SendDecision>, RememberedJson, ValidationProblem>> AssessMessage(
        AssessmentRequest request, HttpContext context, MessageAssessment message, DecisionMemo memo, IOptions<JsonOptions> json,
        IOptions<AssessmentOptions> options, CancellationToken cancellationToken)
    {
        if (!RecipientList.TryParse(request.Recipients, options.Value.MaxRecipients, out var recipients, out var invalid, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = CallerIdentity.From(context.User)!;
        var decision = await message.DecideAsync(caller, recipients, invalid, request.Intent, cancellationToken, request.SensitivityLabel);
        // A decision composed before is written as the bytes written for it then (same serialiser, same options).
        return memo.JsonOf(decision, (JsonTypeInfo<SendDecision>)json.Value.SerializerOptions.GetTypeInfo(typeof(SendDecision))) is { } bytes
            ? new RememberedJson(bytes)
            : TypedResults.Ok(decision);
    }

    private static async Task<Results<NoContent, ValidationProblem>> RecordShown(
        ShownDecision shown, HttpContext context, MessageAssessment message, IOptions<AssessmentOptions> options, CancellationToken cancellationToken)
    {
        if (!RecipientList.TryParse(shown.Recipients, options.Value.MaxRecipients, out var recipients, out _, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var problems = shown.Check(options.Value.MaxRecipients);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems);
        }

        await message.RecordShownAsync(CallerIdentity.From(context.User)!, shown, recipients, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<DomainResult>, ValidationProblem>> GetDomain(
        string domain, HttpContext context, AssessmentService assessments, IOptions<AssessmentOptions> options, CancellationToken cancellationToken,
        bool refresh = false)
    {
        if (!DomainName.TryNormalizeDomain(domain, out var normalized, out var error))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["domain"] = [error] });
        }

        var caller = CallerIdentity.From(context.User)!;
        var cached = await assessments.GetAsync(normalized, refresh, options.Value.PreviewDeadline, caller.TenantId, cancellationToken);
        return TypedResults.Ok(DomainResult.From(cached));
    }
}
