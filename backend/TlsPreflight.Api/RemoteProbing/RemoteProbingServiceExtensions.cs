using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using TlsPreflight.Probing.Assessment;

namespace TlsPreflight.Api.RemoteProbing;

public static class RemoteProbingServiceExtensions
{
    public const string PipelineName = "tlspreflight-prober-http";

    /// <summary>With `Probing:Remote:Url` set, <see cref="IDomainAssessor"/> is <see cref="RemoteDomainAssessor"/>; call it
    /// before AddTlsPreflightProbing, whose TryAdd then keeps it (the engine's DNS client stays, for routing only).</summary>
    public static void AddRemoteProbing(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RemoteProbingOptions>().BindConfiguration(RemoteProbingOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RemoteProbingOptions>, RemoteProbingOptionsValidator>();
        var settings = builder.Configuration.GetSection(RemoteProbingOptions.SectionName).Get<RemoteProbingOptions>() ?? new();
        if (string.IsNullOrWhiteSpace(settings.Url))
        {
            return;
        }

        services.AddSingleton<ProberRoute>();
        services.AddSingleton<IDomainAssessor, RemoteDomainAssessor>();
        services.AddHttpClient(RemoteDomainAssessor.HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's timeout rules
                client.MaxResponseContentBufferSize = 8 * 1024 * 1024;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectTimeout = settings.ConnectTimeout,
                AllowAutoRedirect = false,
                UseProxy = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .AddResilienceHandler(PipelineName, (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<RemoteProbingOptions>>().Value;
                // No retry here: failing over to the next agent is the retry (RemoteDomainAssessor).
                // A breaker per agent (SelectPipelineByAuthority) stops asking a dead agent for a while, so failover is instant.
                // Low volume, so the thresholds are explicit: two failures out of two calls within 30 s open it for 15 s.
                pipeline
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = 0.5,
                        MinimumThroughput = 2,
                        SamplingDuration = TimeSpan.FromSeconds(30),
                        BreakDuration = TimeSpan.FromSeconds(15),
                    })
                    .AddTimeout(o.CallTimeout);
            })
            .SelectPipelineByAuthority();
    }
}
