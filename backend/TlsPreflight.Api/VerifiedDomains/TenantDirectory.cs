using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Identity.Web;
using Microsoft.Kiota.Abstractions.Authentication;

namespace TlsPreflight.Api.VerifiedDomains;

/// <summary>The tenant's verified domains from Microsoft Graph (`GET /domains`), cached. They count as internal.</summary>
public sealed partial class TenantDirectory(
    IHttpClientFactory httpClients,
    IOptions<GraphOptions> options,
    HybridCache cache,
    IServiceProvider services,
    ILogger<TenantDirectory> logger)
{
    public const string HttpClientName = "graph";

    /// <summary>Lower-case verified domain names; empty when no directory is configured or Graph does not answer
    /// (the domains are then assessed like external ones, which is safe).</summary>
    public async Task<IReadOnlyList<string>> GetVerifiedDomainsAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.BaseUrl))
        {
            return [];
        }

        try
        {
            return await cache.GetOrCreateAsync(
                "verified-domains:" + tenantId,
                token => ReadAsync(tenantId, token),
                new HybridCacheEntryOptions { Expiration = options.Value.CacheLifetime, LocalCacheExpiration = options.Value.CacheLifetime },
                cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Microsoft.Kiota.Abstractions.ApiException or Microsoft.Identity.Client.MsalException
            && !cancellationToken.IsCancellationRequested)
        {
            // Not cached: the next request asks Graph again.
            LogGraphFailed(logger, tenantId, ex.Message);
            return [];
        }
    }

    private async ValueTask<string[]> ReadAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tokens = services.GetService<ITokenAcquisition>();
        IAuthenticationProvider authentication = tokens == null ? new AnonymousAuthenticationProvider() : new TenantAppOnlyAuthentication(tokens, tenantId);
        var http = httpClients.CreateClient(HttpClientName);
        using var graph = new GraphServiceClient(http, authentication, options.Value.BaseUrl.TrimEnd('/'));
        var response = await graph.Domains.GetAsync(cancellationToken: cancellationToken);
        return (response?.Value ?? [])
            .Where(d => d.IsVerified == true && !string.IsNullOrEmpty(d.Id))
            .Select(d => d.Id!.ToLowerInvariant())
            .ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph did not list the domains of tenant {TenantId}: {Error}")]
    private static partial void LogGraphFailed(ILogger logger, string tenantId, string error);
}
