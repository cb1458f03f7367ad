using Microsoft.Extensions.Options;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Audit;
using TlsPreflight.Api.Caching;
using TlsPreflight.Api.Edges;
using TlsPreflight.Api.Exceptions;
using TlsPreflight.Api.Health;
using TlsPreflight.Api.Hosting;
using TlsPreflight.Api.Identity;
using TlsPreflight.Api.PartnerHelp;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.RemoteProbing;
using TlsPreflight.Api.Storage;
using TlsPreflight.Api.VerifiedDomains;
using TlsPreflight.Api.Words;
using TlsPreflight.Probing;

namespace TlsPreflight.Api.Startup;

public static class ApplicationServiceExtensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.UseBundledAppSettings();
        builder.AddApiEdges();
        builder.AddApiIdentity();
        builder.AddStorage();
        builder.AddCaching();
        builder.AddApiHealthChecks();
        builder.AddSharedDataProtection();

        services.AddSingleton(TimeProvider.System);
        // Validated at start (ProbingOptionsValidator), as the prober does: a DNS server that is not IP:PORT stops the service here.
        services.AddOptions<ProbingOptions>().BindConfiguration(ProbingOptions.SectionName).ValidateOnStart();
        builder.AddRemoteProbing(); // first: with agents configured it takes IDomainAssessor, and no SMTP leaves this process
        services.AddTlsPreflightProbing();
        services.AddWords();

        services.AddOptions<AssessmentOptions>().BindConfiguration(AssessmentOptions.SectionName);
        services.AddSingleton<AssessmentCache>();
        services.AddSingleton<AssessmentService>();
        services.AddScoped<MessageAssessment>();
        services.AddSingleton<Decisions.DecisionMemo>();
        services.AddOptions<PolicyCacheOptions>().BindConfiguration(PolicyCacheOptions.SectionName);
        services.AddSingleton<PolicyCache>();
        services.AddScoped<PolicyStore>();
        services.AddScoped<ITenantPolicyStore, CachedPolicyStore>();
        services.AddOptions<AuditWriterOptions>().BindConfiguration(AuditWriterOptions.SectionName);
        services.AddSingleton<AuditWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddOptions<ExceptionOptions>().BindConfiguration(ExceptionOptions.SectionName);
        services.AddScoped<ExceptionStore>();
        services.AddSingleton<LatestRequests>();
        services.AddScoped<ExceptionDesk>();
        services.AddSingleton<AuditRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditRetention>());
        builder.AddPartnerMonitoring();

        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.SectionName).ValidateOnStart();
        services.AddHttpClient(TenantDirectory.HttpClientName)
            .ConfigureHttpClient((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<GraphOptions>>().Value.Timeout);
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<TenantLabelCatalog>();
    }

    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapApiHealth();
        app.MapAddinWellKnown();
        var api = app.WithApiBodyLimit();
        api.MapAssessmentsApi();
        api.MapPolicyApi();
        api.MapAuditApi();
        api.MapExceptionsApi();
        api.MapPartnerNoteApi();
        api.MapMonitoringApi();
        if (app.Environment.IsDevelopment() && app.Services.GetService<DevelopmentTokenIssuer>() != null)
        {
            app.MapDevelopmentTokenApi();
        }
    }
}
