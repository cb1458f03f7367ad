using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Identity;
using TlsPreflight.Api.Words;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.PartnerHelp;

public static class PartnerNoteApi
{
    public static IEndpointRouteBuilder MapPartnerNoteApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/domains/{domain}/partner-note", GetNote)
            .RequireAuthorization(AccessPolicies.User)
            .WithTags("Assessments")
            .WithSummary("A message for the partner's IT: what was found, why it matters, what fixes it (domains below verified)");
        return app;
    }

    private static async Task<Results<Ok<PartnerNote>, ValidationProblem, ProblemHttpResult>> GetNote(
        string domain, HttpContext context, AssessmentService assessments, IOptions<AssessmentOptions> options, SenderWords words, CancellationToken cancellationToken)
    {
        if (domain.Contains('@') || !DomainName.TryNormalize(domain, out var normalized, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["domain"] = ["A domain, not an address."] });
        }

        var caller = CallerIdentity.From(context.User)!;
        var cached = await assessments.GetAsync(normalized, refresh: false, options.Value.PreviewDeadline, caller.TenantId, cancellationToken);
        if (cached.Assessment.Level is >= SecurityLevel.Verified or SecurityLevel.NoMail or SecurityLevel.Unknown)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                detail: words.NothingToFix(normalized, cached.Assessment.Level));
        }

        return TypedResults.Ok(PartnerNote.For(cached.Assessment, words));
    }
}
