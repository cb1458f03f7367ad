using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace TlsPreflight.Problems;

public static class ProblemsServiceExtensions
{
    /// <summary>RFC 9457 problems for every error, and bad input that surfaced as an exception worded as a 4xx problem.
    /// Binding failures throw (else an empty 400), so <see cref="BadInputProblems"/> can word them.</summary>
    public static IServiceCollection AddBadInputProblems(this IServiceCollection services, Action<ProblemDetailsOptions>? problems = null, string? expectedBody = null)
    {
        services.AddProblemDetails(problems);
        services.AddExceptionHandler<BadInputProblems>();
        services.Configure<BadInputOptions>(options => options.ExpectedBody = expectedBody);
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
