using System.Collections.Concurrent;

namespace TlsPreflight.Api.Policy;

/// <summary>The current policy of each tenant as this instance last read it, and when the database last confirmed it.</summary>
public sealed class PolicyCache
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public sealed record Entry(PolicyVersion Policy, DateTimeOffset ConfirmedAt);

    public bool TryGet(string tenantId, out Entry entry) => entries.TryGetValue(tenantId, out entry!);

    /// <summary>Keeps the newer of what is held and <paramref name="policy"/> (a slow read never undoes a save).</summary>
    public void Confirm(PolicyVersion policy, DateTimeOffset at, int maxTenants)
    {
        if (entries.Count >= maxTenants && !entries.ContainsKey(policy.TenantId))
        {
            return;
        }

        entries.AddOrUpdate(policy.TenantId, new Entry(policy, at),
            (_, held) => held.Policy.Version > policy.Version ? held : new Entry(policy, at));
    }
}
