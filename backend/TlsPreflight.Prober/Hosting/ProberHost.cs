using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TlsPreflight.Prober.Batches;
using TlsPreflight.Prober.Keys;
using TlsPreflight.Probing;
using TlsPreflight.Probing.Json;
using TlsPreflight.Problems;
using TlsPreflight.Telemetry;

namespace TlsPreflight.Prober.Hosting;

/// <summary>The prober's services and pipeline: the engine (`Probing:*`, the same options as the API and the CLI),
/// key authentication (`Prober:*`), one endpoint and health. No database, no cache beyond the engine's own.</summary>
public static class ProberHost
{
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var services = builder.Services;
        // No appsettings.json (test projects reference this beside the API, whose file it would replace): one
        // line per request is noise at this volume; `Logging__LogLevel__Microsoft.AspNetCore` still overrides.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        });

        services.AddOptions<ProberOptions>().BindConfiguration(ProberOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProberOptions>, ProberOptionsValidator>();
        services.AddOptions<ProbingOptions>().BindConfiguration(ProbingOptions.SectionName).ValidateOnStart();
        services.AddTlsPreflightProbing();

        var maxBytes = builder.Configuration.GetSection(ProberOptions.SectionName).Get<ProberOptions>()?.MaxRequestBytes ?? new ProberOptions().MaxRequestBytes;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBytes);
        services.AddBadInputProblems(expectedBody: "{\"domains\": [\"example.com\", …]}");
        services.ConfigureHttpJsonOptions(options =>
        {
            AssessmentJson.Configure(options.SerializerOptions);
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });

        services.AddSingleton<ProberKeys>();
        services.AddAuthentication(ProberKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ProberKeyAuthentication>(ProberKeyAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddHealthChecks();
        builder.AddTlsPreflightTelemetry("tlspreflight-prober", []);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapTelemetryEndpoints();
        app.MapHealthChecks("/health/live");
        app.MapHealthChecks("/health/ready");
        app.MapBatchApi();
        return app;
    }
}
