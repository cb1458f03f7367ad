using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.VerifiedDomains;

/// <summary>The tenant's sensitivity labels from Microsoft Graph (`GET /security/dataSecurityAndGovernance/sensitivityLabels`),
/// cached, for the policy page to offer when the admin names the labels that protect content. Read as
/// <see cref="TenantDirectory"/> reads the domains (<see cref="TenantGraph"/>); empty when Graph is not configured or
/// does not answer.</summary>
public sealed class TenantLabelCatalog(
    IHttpClientFactory httpClients,
    IOptions<GraphOptions> options,
    HybridCache cache,
    IServiceProvider services,
    ILogger<TenantLabelCatalog> logger)
{
    /// <summary>A tenant has a few dozen labels; more than this is not a list to pick from.</summary>
    public const int MaxLabels = 200;

    private readonly TenantGraph graph = new(httpClients, options.Value, cache, services, logger);

    public async Task<IReadOnlyList<ProtectingLabel>> GetLabelsAsync(string tenantId, CancellationToken cancellationToken)
        => await graph.ListAsync(Labels, tenantId, cancellationToken);

    private static readonly GraphList<SensitivityLabelCollectionResponse, ProtectingLabel> Labels = new(
        "sensitivity-labels",
        (client, next, token) => next == null
            ? client.Security.DataSecurityAndGovernance.SensitivityLabels.GetAsync(cancellationToken: token)
            : client.Security.DataSecurityAndGovernance.SensitivityLabels.WithUrl(next).GetAsync(cancellationToken: token),
        page => (page.Value ?? [])
            .Where(l => Guid.TryParse(l.Id, out _) && !string.IsNullOrWhiteSpace(l.Name))
            .Select(l => new ProtectingLabel(Guid.Parse(l.Id!), l.Name!.Trim())),
        MaxLabels);
}
