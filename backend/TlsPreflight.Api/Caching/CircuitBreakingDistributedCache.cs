using Microsoft.Extensions.Caching.Distributed;
using Polly;
using Polly.CircuitBreaker;

namespace TlsPreflight.Api.Caching;

/// <summary>The shared cache (Redis) behind a timeout and a circuit breaker. A failed or refused call is a miss
/// (reads) or skipped (writes), so while Redis is down the service answers from its local cache at its normal speed;
/// the breaker lets a trial call through after <see cref="SharedCacheOptions.BreakDuration"/> and closes when Redis answers.</summary>
public sealed partial class CircuitBreakingDistributedCache : IDistributedCache
{
    private readonly IDistributedCache inner;
    private readonly ResiliencePipeline pipeline;
    private readonly CircuitBreakerStateProvider state = new();
    private readonly ILogger logger;

    public CircuitBreakingDistributedCache(IDistributedCache inner, SharedCacheOptions options, TimeProvider clock, ILogger<CircuitBreakingDistributedCache> logger)
    {
        this.inner = inner;
        this.logger = logger;
        pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                // A short window, so successes from before an outage do not keep the breaker closed for long.
                FailureRatio = 0.5,
                MinimumThroughput = Math.Max(2, options.FailuresBeforeBreak),
                SamplingDuration = TimeSpan.FromSeconds(2),
                BreakDuration = options.BreakDuration,
                StateProvider = state,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                OnOpened = args => { LogOpened(logger, args.BreakDuration); return ValueTask.CompletedTask; },
                OnClosed = _ => { LogClosed(logger); return ValueTask.CompletedTask; },
            })
            .AddTimeout(options.SharedCacheTimeout)
            .Build();
    }

    /// <summary>Closed: Redis answers. Open or half-open: the service runs on its local cache.</summary>
    public CircuitState State => state.CircuitState;

    /// <summary>Whether the shared cache answers a read now (through the breaker: refused fast while it is open,
    /// a trial call once the break is over).</summary>
    public async Task<bool> AnswersAsync(string probeKey, CancellationToken token)
    {
        try
        {
            await pipeline.ExecuteAsync(async t => await inner.GetAsync(probeKey, t).WaitAsync(t), token);
            return true;
        }
        catch (Exception ex) when (IsSharedCacheFailure(ex, token))
        {
            return false;
        }
    }

    /// <summary>Opens the connection outside the breaker, waiting at most <paramref name="limit"/>; a Redis that is
    /// down at start-up is left to the breaker.</summary>
    public async Task ConnectAsync(TimeSpan limit, CancellationToken token)
    {
        try
        {
            await inner.GetAsync("health-probe", token).WaitAsync(limit, token);
        }
        catch (Exception ex) when (!token.IsCancellationRequested)
        {
            LogFailed(logger, ex.GetType().Name, ex.Message);
        }
    }

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        try
        {
            // The Redis client does not honour a token once a command is queued: WaitAsync lets the timeout win.
            return await pipeline.ExecuteAsync(async t => await inner.GetAsync(key, t).WaitAsync(t), token);
        }
        catch (Exception ex) when (IsSharedCacheFailure(ex, token))
        {
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        => RunAsync(t => inner.SetAsync(key, value, options, t), token);

    public void Refresh(string key) => RefreshAsync(key).GetAwaiter().GetResult();

    public Task RefreshAsync(string key, CancellationToken token = default) => RunAsync(t => inner.RefreshAsync(key, t), token);

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) => RunAsync(t => inner.RemoveAsync(key, t), token);

    private async Task RunAsync(Func<CancellationToken, Task> call, CancellationToken token)
    {
        try
        {
            await pipeline.ExecuteAsync(async t => await call(t).WaitAsync(t), token);
        }
        catch (Exception ex) when (IsSharedCacheFailure(ex, token))
        {
            // The local cache still holds the value; other instances probe for themselves meanwhile.
        }
    }

    private bool IsSharedCacheFailure(Exception ex, CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            return false;
        }

        if (ex is not BrokenCircuitException)
        {
            LogFailed(logger, ex.GetType().Name, ex.Message);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared cache failed ({Kind}: {Error}); answering from the local cache")]
    private static partial void LogFailed(ILogger logger, string kind, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared cache is off for {BreakDuration}: running on the local cache alone")]
    private static partial void LogOpened(ILogger logger, TimeSpan breakDuration);

    [LoggerMessage(Level = LogLevel.Information, Message = "The shared cache answers again")]
    private static partial void LogClosed(ILogger logger);
}
