using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TlsPreflight.Prober.Keys;
using TlsPreflight.Probing.Assessment;

namespace TlsPreflight.Prober.Batches;

public static class BatchApi
{
    public const string Path = "/v1/assessments";

    public static void MapBatchApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, AssessAsync)
            .RequireAuthorization()
            .WithSummary("Assess a batch of domains with the local engine (DNS, SMTP STARTTLS, MTA-STS, DANE, TLS-RPT).");
    }

    private static async Task<Results<Ok<ProbeBatchResult>, ProblemHttpResult>> AssessAsync(
        ProbeBatch batch, IDomainAssessor assessor, IOptions<ProberOptions> options, CancellationToken cancellationToken)
    {
        var max = options.Value.MaxDomainsPerBatch;
        if (batch.Domains is not { Count: > 0 } domains)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "`domains` must name at least one domain.");
        }

        if (domains.Count > max)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"At most {max} domains per call.");
        }

        // An invalid name throws InvalidDomainException before any traffic: BadInputProblems words it as a 400.
        return TypedResults.Ok(new ProbeBatchResult(await assessor.AssessManyAsync(domains, cancellationToken)));
    }
}
