using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Problems;

/// <summary>Bad input that surfaced as an exception (malformed JSON, unknown fields, wrong content type, a body over
/// the limit, unparsable query values, an invalid domain) becomes a 4xx problem (RFC 9457) instead of a 500 — for the
/// API and the probe agent alike.</summary>
public sealed class BadInputProblems(IProblemDetailsService problems, IOptions<BadInputOptions> options) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, Describe(json, options.Value.ExpectedBody)),
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

    // System.Text.Json messages name .NET types; say what is wrong in the caller's terms.
    internal static string Describe(JsonException json, string? expectedBody)
    {
        var at = string.IsNullOrEmpty(json.Path) ? "" : $" at {json.Path}";
        var what = json.Message switch
        {
            var m when m.Contains("could not be mapped", StringComparison.Ordinal) => $"Unknown field{at}.",
            var m when m.Contains("missing required", StringComparison.OrdinalIgnoreCase) => $"A required field is missing{at}.",
            var m when m.Contains("null", StringComparison.OrdinalIgnoreCase) && m.Contains("non-nullable", StringComparison.OrdinalIgnoreCase)
                => $"A required value is null{at}.",
            _ => $"The request body is not valid JSON for this endpoint{at}.",
        };
        return expectedBody == null ? what : $"{what} The body must be {expectedBody}.";
    }
}
