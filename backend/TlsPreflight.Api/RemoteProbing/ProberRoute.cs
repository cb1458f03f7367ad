using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing;
using TlsPreflight.Probing.Dns;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.RemoteProbing;

/// <summary>Which agent probes a domain, and which are next when it is down. Good citizenship across agents
/// (PRODUCT.md: one connection per MX address at a time): every API instance sends every domain whose most
/// preferred MX host is the same to the same agent, whose own MxProbeCache then serialises and shares those probes.
/// Rendezvous hashing (highest random weight) of the MX host over the agent URLs: the same answer on every instance
/// without shared state, an even spread over MX hosts, and when one agent stops only its share moves.
/// Not covered: different MX names on the same addresses (per-domain names of a hosted service) may be probed by two
/// agents at once, each still one connection per address; a lock per address in the shared Redis would cover that.</summary>
public sealed class ProberRoute(IMailDns dns, IOptions<ProbingOptions> probing)
{
    /// <summary>The agents in the order to ask them for this domain. The key is the domain's most preferred MX host,
    /// or the domain itself when its MX cannot be read here (the agent reports the DNS failure from its side).</summary>
    public async Task<IReadOnlyList<Uri>> RankAsync(string domain, IReadOnlyList<Uri> agents, CancellationToken cancellationToken)
    {
        if (agents.Count <= 1)
        {
            return agents;
        }

        // A reserved name is never looked up, here either: the agent answers it as reserved-domain without DNS.
        if (ReservedNames.WhyReserved(domain, allowTestNames: probing.Value.AllowPrivateNetworks) is not null)
        {
            return Rank(domain, agents);
        }

        var mx = await dns.LookupMxAsync(domain, cancellationToken);
        var key = mx.Targets.Count > 0 ? mx.Targets[0].Host : domain;
        return Rank(key, agents);
    }

    public static IReadOnlyList<Uri> Rank(string routingKey, IReadOnlyList<Uri> agents)
        => [.. agents.OrderByDescending(agent => Weight(routingKey, agent)).ThenBy(agent => agent.AbsoluteUri, StringComparer.Ordinal)];

    private static ulong Weight(string routingKey, Uri agent)
        => BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(routingKey + "\n" + agent.AbsoluteUri)));
}
