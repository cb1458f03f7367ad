using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Microsoft.Graph.Models;
using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.VerifiedDomains;

/// <summary>The tenant's verified domains from Microsoft Graph (`GET /domains`), cached. They count as internal.</summary>
public sealed class TenantDirectory(
    IHttpClientFactory httpClients,
    IOptions<GraphOptions> options,
    HybridCache cache,
    IServiceProvider services,
    ILogger<TenantDirectory> logger)
{
    public const string HttpClientName = TenantGraph.HttpClientName;

    /// <summary>Graph pages `GET /domains` (@odata.nextLink); see <see cref="TenantGraph.MaxPages"/>.</summary>
    public const int MaxPages = TenantGraph.MaxPages;

    private readonly TenantGraph graph = new(httpClients, options.Value, cache, services, logger);

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
        => await graph.ListAsync(VerifiedDomains, tenantId, cancellationToken);

    private static readonly GraphList<DomainCollectionResponse, string> VerifiedDomains = new(
        "verified-domains",
        (client, next, token) => next == null
            ? client.Domains.GetAsync(cancellationToken: token)
            : client.Domains.WithUrl(next).GetAsync(cancellationToken: token),
        page => (page.Value ?? [])
            .Where(d => d.IsVerified == true && !string.IsNullOrEmpty(d.Id))
            .Select(d => d.Id!.ToLowerInvariant()));
}
