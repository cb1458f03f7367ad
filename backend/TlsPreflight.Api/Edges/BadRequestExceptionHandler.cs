using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Edges;

/// <summary>Turns bad input that surfaced as an exception (malformed JSON, unknown fields, wrong content type,
/// unparsable query values, invalid domains) into a 4xx problem instead of a 500.</summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (StatusCodes.Status400BadRequest, Describe(json)),
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
    private static string Describe(JsonException json)
    {
        var at = string.IsNullOrEmpty(json.Path) ? "" : $" at {json.Path}";
        return json.Message switch
        {
            var m when m.Contains("could not be mapped", StringComparison.Ordinal) => $"Unknown field{at}.",
            var m when m.Contains("missing required properties", StringComparison.Ordinal) || m.Contains("missing required", StringComparison.OrdinalIgnoreCase)
                => $"A required field is missing{at}.",
            var m when m.Contains("null", StringComparison.OrdinalIgnoreCase) && m.Contains("non-nullable", StringComparison.OrdinalIgnoreCase)
                => $"A required value is null{at}.",
            _ => $"The request body is not valid JSON for this endpoint{at}.",
        };
    }
}
