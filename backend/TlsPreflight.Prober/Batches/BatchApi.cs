using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TlsPreflight.Prober.Keys;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Names;
using TlsPreflight.Probing.Scheduling;

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

        if (batch.Tenant is { Length: > ProbeBatch.MaxTenantLength })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: $"`tenant` is at most {ProbeBatch.MaxTenantLength} characters.");
        }

        // As AssessManyAsync: every name is validated before any traffic; an invalid one throws InvalidDomainException,
        // which BadInputProblems words as a 400.
        var normalized = domains.Select(DomainName.Normalize).Distinct(StringComparer.Ordinal).ToList();
        var requester = string.IsNullOrEmpty(batch.Tenant) ? ProbeRequester.Local : new ProbeRequester(batch.Tenant);
        var assessments = await Task.WhenAll(normalized.Select(d => assessor.AssessAsync(d, requester, cancellationToken)));
        return TypedResults.Ok(new ProbeBatchResult(assessments));
    }
}
