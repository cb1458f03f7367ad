using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Identity.Web;
using Microsoft.Kiota.Abstractions.Authentication;
using TlsPreflight.Api.Policy;

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

    /// <summary>Graph pages `GET /domains` (@odata.nextLink); a tenant holds at most 5,000 domains, so more pages
    /// than this means a server that never stops.</summary>
    public const int MaxPages = 50;

    /// <summary>The domains that count as internal (never assessed): the policy's manual list and the tenant's verified
    /// domains. The one home of that rule, for the send decision and the admin's domain page.</summary>
    public async Task<IReadOnlySet<string>> GetInternalDomainsAsync(TenantPolicy policy, string tenantId, CancellationToken cancellationToken)
    {
        var verified = await GetVerifiedDomainsAsync(tenantId, cancellationToken);
        // The same set while neither the policy nor the directory's answer changed: built once, not on every message.
        if (internalSets.TryGetValue(policy, out var held) && held.Verified.SequenceEqual(verified, StringComparer.Ordinal))
        {
            return held.Domains;
        }

        var domains = policy.InternalDomains.Concat(verified).ToFrozenSet(StringComparer.Ordinal);
        internalSets.AddOrUpdate(policy, new InternalSet(verified, domains));
        return domains;
    }

    private readonly ConditionalWeakTable<TenantPolicy, InternalSet> internalSets = new();

    private sealed record InternalSet(IReadOnlyList<string> Verified, FrozenSet<string> Domains);

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
        var verified = new List<string>();
        var response = await graph.Domains.GetAsync(cancellationToken: cancellationToken);
        for (var page = 1; response is not null; page++)
        {
            verified.AddRange((response.Value ?? [])
                .Where(d => d.IsVerified == true && !string.IsNullOrEmpty(d.Id))
                .Select(d => d.Id!.ToLowerInvariant()));
            var next = response.OdataNextLink;
            if (string.IsNullOrEmpty(next))
                break;
            // The next link carries our bearer token: follow it only to the Graph origin we were configured with.
            if (page >= MaxPages || !IsGraphOrigin(next))
            {
                LogPagingStopped(logger, tenantId, page);
                break;
            }
            response = await graph.Domains.WithUrl(next).GetAsync(cancellationToken: cancellationToken);
        }
        return [.. verified.Distinct(StringComparer.Ordinal)];
    }

    private bool IsGraphOrigin(string link)
        => Uri.TryCreate(link, UriKind.Absolute, out var uri)
            && Uri.Compare(uri, new Uri(options.Value.BaseUrl), UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph listed the domains of tenant {TenantId} beyond page {Page} or off its origin; the rest is ignored")]
    private static partial void LogPagingStopped(ILogger logger, string tenantId, int page);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph did not list the domains of tenant {TenantId}: {Error}")]
    private static partial void LogGraphFailed(ILogger logger, string tenantId, string error);
}
