using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Identity.Web;
using Microsoft.Kiota.Abstractions.Authentication;
using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.VerifiedDomains;

/// <summary>The tenant's sensitivity labels from Microsoft Graph (`GET /security/dataSecurityAndGovernance/sensitivityLabels`),
/// cached, for the policy page to offer when the admin names the labels that protect content. Same Graph base URL and
/// app-only sign-in as <see cref="TenantDirectory"/>; empty when Graph is not configured or does not answer.</summary>
public sealed partial class TenantLabelCatalog(
    IHttpClientFactory httpClients,
    IOptions<GraphOptions> options,
    HybridCache cache,
    IServiceProvider services,
    ILogger<TenantLabelCatalog> logger)
{
    /// <summary>A tenant has a few dozen labels; more than this is not a list to pick from.</summary>
    public const int MaxLabels = 200;

    public async Task<IReadOnlyList<ProtectingLabel>> GetLabelsAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.BaseUrl))
        {
            return [];
        }

        try
        {
            return await cache.GetOrCreateAsync(
                "sensitivity-labels:" + tenantId,
                token => ReadAsync(tenantId, token),
                new HybridCacheEntryOptions { Expiration = options.Value.CacheLifetime, LocalCacheExpiration = options.Value.CacheLifetime },
                cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Microsoft.Kiota.Abstractions.ApiException or Microsoft.Identity.Client.MsalException
            && !cancellationToken.IsCancellationRequested)
        {
            LogGraphFailed(logger, tenantId, ex.Message);
            return [];
        }
    }

    private async ValueTask<ProtectingLabel[]> ReadAsync(string tenantId, CancellationToken cancellationToken)
    {
        var tokens = services.GetService<ITokenAcquisition>();
        IAuthenticationProvider authentication = tokens == null ? new AnonymousAuthenticationProvider() : new TenantAppOnlyAuthentication(tokens, tenantId);
        using var graph = new GraphServiceClient(httpClients.CreateClient(TenantDirectory.HttpClientName), authentication, options.Value.BaseUrl.TrimEnd('/'));
        var response = await graph.Security.DataSecurityAndGovernance.SensitivityLabels.GetAsync(cancellationToken: cancellationToken);
        return [.. (response?.Value ?? [])
            .Where(l => Guid.TryParse(l.Id, out _) && !string.IsNullOrWhiteSpace(l.Name))
            .Take(MaxLabels)
            .Select(l => new ProtectingLabel(Guid.Parse(l.Id!), l.Name!.Trim()))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Microsoft Graph did not list the sensitivity labels of tenant {TenantId}: {Error}")]
    private static partial void LogGraphFailed(ILogger logger, string tenantId, string error);
}
