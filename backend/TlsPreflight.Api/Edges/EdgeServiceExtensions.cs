using Microsoft.AspNetCore.Http.Json;
using TlsPreflight.Api.Hosting;

namespace TlsPreflight.Api.Edges;

public static class EdgeServiceExtensions
{
    /// <summary>Problem details for every error, strict JSON, CORS for the add-in, rate limits.</summary>
    public static void AddApiEdges(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<JsonOptions>(options => ApiJson.Configure(options.SerializerOptions));
        // Binding failures become exceptions that BadRequestExceptionHandler words as problems (else an empty 400).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        var cors = builder.Configuration.GetSection(AddinCorsOptions.SectionName).Get<AddinCorsOptions>() ?? new();
        services.AddCors(options => options.AddDefaultPolicy(policy => policy
            .WithOrigins([.. cors.AllowedOrigins])
            .WithMethods("GET", "POST", "PUT")
            .WithHeaders("Authorization", "Content-Type", "If-Match")
            .WithExposedHeaders("ETag", "Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

        var limits = builder.Configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new();
        services.AddRateLimiter(options => RateLimits.Configure(options, limits));

        services.AddOptions<AddinHostingOptions>().BindConfiguration(AddinHostingOptions.SectionName);
        services.AddOpenApi();
    }

    /// <summary>Order matters: errors outermost, CORS before sign-in (the preflight carries no token),
    /// rate limits after sign-in (they are per user and tenant).</summary>
    public static void UseApiEdges(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAddinFiles();
        app.UseCors();
        app.UseMiddleware<RequestBodyLimit>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
    }
}
