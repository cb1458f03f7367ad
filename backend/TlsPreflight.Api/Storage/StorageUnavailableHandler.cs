using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace TlsPreflight.Api.Storage;

/// <summary>A database outage is a 503 problem with Retry-After, so the add-in applies its fail mode and asks again.</summary>
public sealed partial class StorageUnavailableHandler(IProblemDetailsService problems, ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageUnavailableException.IsOutage(exception))
        {
            return false;
        }

        LogOutage(logger, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = exception is StorageUnavailableException ? exception.Message : "The database does not answer; try again shortly.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503: the database does not answer ({Error})")]
    private static partial void LogOutage(ILogger logger, string error);
}
