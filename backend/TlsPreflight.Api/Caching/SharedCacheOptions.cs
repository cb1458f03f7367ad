namespace TlsPreflight.Api.Caching;

/// <summary>`Caching`: the local (L1) cache's bounds and how long the shared cache (Redis) may take.</summary>
public sealed class SharedCacheOptions
{
    public const string SectionName = "Caching";

    /// <summary>Bytes the local cache may hold (HybridCache sizes each entry by its payload).</summary>
    public long LocalSizeLimitBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>A larger entry is not cached.</summary>
    public int MaximumPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>One shared-cache call; a slower one counts as a failure.</summary>
    public TimeSpan SharedCacheTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>After this many failures in a row the service runs on its local cache alone ...</summary>
    public int FailuresBeforeBreak { get; set; } = 2;

    /// <summary>... and tries the shared cache again after this long.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
