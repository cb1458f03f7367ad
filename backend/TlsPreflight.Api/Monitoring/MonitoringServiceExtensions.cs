using Microsoft.Extensions.Http.Resilience;
using Polly;
using TlsPreflight.Api.Monitoring.Alerts;

namespace TlsPreflight.Api.Monitoring;

public static class MonitoringServiceExtensions
{
    /// <summary>The partner monitor: watch list, posture memory, the re-check loop and its webhooks.</summary>
    public static void AddPartnerMonitoring(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.SectionName);
        services.AddScoped<WatchList>();
        services.AddScoped<PartnerOverview>();
        services.AddSingleton<PostureMemory>();
        services.AddSingleton<RecheckPass>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookConnector>();
        services.AddHostedService<PartnerMonitor>();

        var retryDelay = builder.Configuration.GetValue($"{MonitoringOptions.SectionName}:WebhookRetryDelay", TimeSpan.FromSeconds(2));
        services.AddHttpClient(WebhookSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<WebhookConnector>().ConnectAsync,
                AllowAutoRedirect = false,
                UseProxy = false,
            })
            .AddResilienceHandler("webhook", pipeline =>
            {
                // A POST is retried only when the receiver did not take it (5xx, 408, 429, connection failure).
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = retryDelay,
                    ShouldRetryAfterHeader = true,
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(10));
            });
    }
}
