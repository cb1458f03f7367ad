using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Json;
using TlsPreflight.Api.Hosting;
using TlsPreflight.Api.Identity;
using TlsPreflight.Problems;

namespace TlsPreflight.Api.Edges;

public static class EdgeServiceExtensions
{
    /// <summary>Problem details for every error, strict JSON, CORS for the add-in, rate limits.</summary>
    public static void AddApiEdges(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddBadInputProblems(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.Configure<JsonOptions>(options => ApiJson.Configure(options.SerializerOptions));

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

        var proxy = builder.Configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new();
        services.Configure<ForwardedHeadersOptions>(options => ConfigureForwardedHeaders(options, proxy));
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
    }

    /// <summary>Believe X-Forwarded-For/-Proto only from the configured load balancers (loopback when none are).</summary>
    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, ProxyOptions proxy)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = Math.Max(1, proxy.ForwardLimit);
        if (proxy.KnownProxies.Count == 0 && proxy.KnownNetworks.Count == 0)
        {
            return;
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var address in proxy.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(address, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Proxy:KnownProxies has '{address}', which is not an IP address."));
        }

        foreach (var network in proxy.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Proxy:KnownNetworks has '{network}', which is not a network in CIDR form (10.0.0.0/24)."));
        }
    }

    /// <summary>Order matters: the proxy's headers first (every later step sees the real client and scheme),
    /// security headers on every answer, errors outermost, CORS before sign-in (the preflight carries no token),
    /// rate limits after sign-in (they are per user and tenant).</summary>
    public static void UseApiEdges(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Services.GetService<DevelopmentTokenIssuer>() != null)
        {
            app.UseLoopbackOnlySignIn();
        }

        app.UseAddinFiles();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
    }
}
