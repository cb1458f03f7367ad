using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Identity.Web;
using Microsoft.Kiota.Abstractions.Authentication;

namespace TlsPreflight.Api.VerifiedDomains;

/// <summary>The one way a tenant's list is read from Microsoft Graph: the app-only client for that tenant, pages
/// followed through @odata.nextLink only to the configured Graph origin and at most <see cref="MaxPages"/> of them,
/// the result cached for <see cref="GraphOptions.CacheLifetime"/>, and a Graph that fails read as an empty list
/// (not cached, so the next request asks again).</summary>
internal sealed partial class TenantGraph(IHttpClientFactory httpClients, GraphOptions options, HybridCache cache, IServiceProvider services, ILogger logger)
{
    public const string HttpClientName = "graph";

    /// <summary>A tenant holds at most 5,000 domains, so more pages than this means a server that never stops.</summary>
    public const int MaxPages = 50;

    /// <summary>Every item of every page of <paramref name="list"/>, up to its <see cref="GraphList{TPage, T}.MaxItems"/>;
    /// empty when no Graph is configured or it does not answer.</summary>
    public async Task<T[]> ListAsync<TPage, T>(GraphList<TPage, T> list, string tenantId, CancellationToken cancellationToken)
        where TPage : BaseCollectionPaginationCountResponse
    {
        if (string.IsNullOrEmpty(options.BaseUrl))
        {
            return [];
        }

        try
        {
            return await cache.GetOrCreateAsync(
                $"{list.What}:{tenantId}",
                token => ReadAsync(list, tenantId, token),
                new HybridCacheEntryOptions { Expiration = options.CacheLifetime, LocalCacheExpiration = options.CacheLifetime },
                cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Microsoft.Kiota.Abstractions.ApiException or Microsoft.Identity.Client.MsalException
            && !cancellationToken.IsCancellationRequested)
        {
            LogGraphFailed(logger, list.What, tenantId, ex.Message);
            return [];
        }
    }

    private async ValueTask<T[]> ReadAsync<TPage, T>(GraphList<TPage, T> list, string tenantId, CancellationToken cancellationToken)
        where TPage : BaseCollectionPaginationCountResponse
    {
        var tokens = services.GetService<ITokenAcquisition>();
        IAuthenticationProvider authentication = tokens == null ? new AnonymousAuthenticationProvider() : new TenantAppOnlyAuthentication(tokens, tenantId);
        using var graph = new GraphServiceClient(httpClients.CreateClient(HttpClientName), authentication, options.BaseUrl.TrimEnd('/'));
        var read = new List<T>();
        var response = await list.GetPage(graph, null, cancellationToken);
        for (var page = 1; response is not null; page++)
        {
            read.AddRange(list.Items(response));
            var next = response.OdataNextLink;
            if (string.IsNullOrEmpty(next) || read.Count >= list.MaxItems)
            {
                break;
            }

            // The next link carries our bearer token: follow it only to the Graph origin we were configured with.
            if (page >= MaxPages || !IsGraphOrigin(next))
            {
                LogPagingStopped(logger, list.What, tenantId, page);
                break;
            }

            response = await list.GetPage(graph, next, cancellationToken);
        }

        return [.. read.Distinct().Take(list.MaxItems)];
    }

    private bool IsGraphOrigin(string link)
        => Uri.TryCreate(link, UriKind.Absolute, out var uri)
            && Uri.Compare(uri, new Uri(options.BaseUrl), UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph listed the {What} of tenant {TenantId} beyond page {Page} or off its origin; the rest is ignored")]
    private static partial void LogPagingStopped(ILogger logger, string what, string tenantId, int page);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph did not list the {What} of tenant {TenantId}: {Error}")]
    private static partial void LogGraphFailed(ILogger logger, string what, string tenantId, string error);
}

/// <summary>One list a tenant keeps in Graph: its cache name, how to fetch the first page (next link null) or the next,
/// what a page holds, and how many items are worth reading.</summary>
internal sealed record GraphList<TPage, T>(
    string What,
    Func<GraphServiceClient, string?, CancellationToken, Task<TPage?>> GetPage,
    Func<TPage, IEnumerable<T>> Items,
    int MaxItems = int.MaxValue);
