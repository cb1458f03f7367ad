using Microsoft.Extensions.Caching.Memory;

namespace TlsPreflight.Api.Exceptions;

/// <summary>Each sender's latest exception request per domain, as every assessment of theirs reads it: from memory for
/// <see cref="ExceptionOptions.RequestStateFreshness"/>, forgotten here when a request is made or answered on this
/// instance. The state is what the task pane shows ("requested", "approved"); the decision itself comes from the policy.</summary>
public sealed class LatestRequests(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<ExceptionOptions> options) : IDisposable
{
    // Bounded: one entry per active sender; the least recently set go first when it is full.
    private readonly MemoryCache held = new(new MemoryCacheOptions { SizeLimit = 10_000, CompactionPercentage = 0.2 });
    private long generation;

    public async ValueTask<IReadOnlyDictionary<string, ExceptionRequest>> ForAsync(string tenantId, string requester, CancellationToken cancellationToken)
    {
        var key = new Sender(tenantId, requester);
        if (held.TryGetValue(key, out IReadOnlyDictionary<string, ExceptionRequest>? latest) && latest != null)
        {
            return latest;
        }

        var readAt = Volatile.Read(ref generation);
        await using var scope = scopes.CreateAsyncScope();
        latest = await scope.ServiceProvider.GetRequiredService<ExceptionStore>().LatestForAsync(tenantId, requester, domains: null, cancellationToken);
        // A request made or answered while this read ran may be missing from it: keep it only if nothing changed.
        if (Volatile.Read(ref generation) == readAt)
        {
            held.Set(key, latest, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.RequestStateFreshness });
        }

        return latest;
    }

    /// <summary>A request of this sender was made or answered on this instance.</summary>
    public void Forget(string tenantId, string requester)
    {
        Interlocked.Increment(ref generation);
        held.Remove(new Sender(tenantId, requester));
    }

    public void Dispose() => held.Dispose();

    private readonly record struct Sender(string TenantId, string Requester);
}
