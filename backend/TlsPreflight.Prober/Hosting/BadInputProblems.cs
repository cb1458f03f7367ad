using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Prober.Hosting;

/// <summary>Bad input that surfaced as an exception (malformed JSON, unknown fields, a body over the limit, an invalid
/// domain) becomes a 4xx problem instead of a 500.</summary>
public sealed class BadInputProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException } => (StatusCodes.Status400BadRequest, "The body must be {\"domains\": [\"example.com\", …]}."),
            BadHttpRequestException bad => (bad.StatusCode, bad.Message),
            InvalidDomainException invalid => (StatusCodes.Status400BadRequest, invalid.Message),
            _ => (0, ""),
        };
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = status, Detail = detail },
            Exception = exception,
        });
    }
}
