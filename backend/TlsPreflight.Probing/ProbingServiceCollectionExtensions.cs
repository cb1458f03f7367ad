using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using DnsClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Certificates;
using TlsPreflight.Probing.Dns;
using TlsPreflight.Probing.MtaSts;
using TlsPreflight.Probing.Safety;
using TlsPreflight.Probing.Scheduling;
using TlsPreflight.Probing.Smtp;
using TlsPreflight.Probing.Words;

namespace TlsPreflight.Probing;

public static class ProbingServiceCollectionExtensions
{
    /// <summary>The resilience handler of the MTA-STS HTTP client.</summary>
    public const string MtaStsHttpPipelineName = "tlspreflight-mta-sts-http";

    /// <summary>Registers the engine (<see cref="Assessment.IDomainAssessor"/> as a singleton, DNS, SMTP, MTA-STS,
    /// Polly pipelines). Options come from <c>IOptions&lt;ProbingOptions&gt;</c>: the caller binds or configures them.</summary>
    public static IServiceCollection AddTlsPreflightProbing(this IServiceCollection services)
    {
        // ValidateOnStart: a host (the API) refuses to start with settings the engine cannot run with.
        services.AddOptions<ProbingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProbingOptions>, ProbingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMailDns, MailDns>();
        services.TryAddSingleton<DialPolicy>();
        services.TryAddSingleton<ChainValidator>();
        services.TryAddSingleton<StartTlsProbe>();
        services.TryAddSingleton<SmtpEgressMonitor>();
        services.TryAddSingleton<NetworkReach>();
        services.TryAddSingleton<ProbeScheduler>();
        services.TryAddSingleton<MxProbeCache>();
        services.TryAddSingleton(provider => new MtaStsPolicyCache(provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<ProbingOptions>>().Value.MtaStsPolicyCacheSize));
        services.TryAddSingleton<MtaStsConnector>();
        services.TryAddSingleton<WebPkiRejections>();
        services.TryAddSingleton<MtaStsFetchBackoff>();
        services.TryAddSingleton<MtaStsPolicyFetcher>();
        services.TryAddSingleton<MtaStsCheck>();
        services.TryAddSingleton<IDomainAssessor, DomainAssessor>();
        services.AddLocalization();
        services.TryAddSingleton<EngineWords>();

        // DNS: one retry of a lost or late answer; an answer (even SERVFAIL) is data and is not retried.
        services.AddResiliencePipeline(MailDns.PipelineName, (builder, context) =>
        {
            var o = context.ServiceProvider.GetRequiredService<IOptions<ProbingOptions>>().Value;
            builder
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = 1,
                    Delay = TimeSpan.FromMilliseconds(50),
                    BackoffType = DelayBackoffType.Constant,
                    ShouldHandle = new PredicateBuilder().Handle<DnsResponseException>().Handle<TimeoutRejectedException>().Handle<SocketException>(),
                })
                .AddTimeout(o.DnsTimeout);
        });

        // MTA-STS: RFC 8461 §3.3 — no redirects, our DNS, our address guard, the extra CA, bounded in time.
        services.AddHttpClient(MtaStsPolicyFetcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var connector = provider.GetRequiredService<MtaStsConnector>();
                var rejections = provider.GetRequiredService<WebPkiRejections>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    UseProxy = false,
                    MaxResponseHeadersLength = 16, // KiB
                    PooledConnectionLifetime = TimeSpan.FromMinutes(1),
                    ConnectCallback = connector.ConnectAsync,
                    // The handshake's chain is built without downloads (OfflineChainPolicy): no AIA, CRL or OCSP traffic.
                    SslOptions = new SslClientAuthenticationOptions
                    {
                        CertificateChainPolicy = OfflineChainPolicy.Create(),
                        RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
                        {
                            var accepted = connector.AcceptCertificate(certificate, chain, errors);
                            // SocketsHttpHandler passes the SslStream; its TargetHostName is the policy host being fetched.
                            if (!accepted && sender is SslStream { TargetHostName: var host })
                                rejections.Record(host, certificate, chain, errors);
                            return accepted;
                        },
                    },
                };
            })
            .AddResilienceHandler(MtaStsHttpPipelineName, (builder, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<ProbingOptions>>().Value;
                builder
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = 1,
                        Delay = TimeSpan.FromMilliseconds(100),
                        BackoffType = DelayBackoffType.Constant,
                        // Transport faults only: an HTTP status is an answer, a bad certificate or a refused address is final.
                        ShouldHandle = args => ValueTask.FromResult(IsTransportFault(args.Outcome.Exception)),
                    })
                    .AddTimeout(o.MtaStsFetchTimeout);
            });
        return services;
    }

    private static bool IsTransportFault(Exception? exception)
    {
        if (exception is TimeoutRejectedException)
            return true;
        var transport = false;
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException or AddressRefusedException)
                return false;
            transport |= e is SocketException or IOException;
        }
        return transport && exception is HttpRequestException;
    }
}
