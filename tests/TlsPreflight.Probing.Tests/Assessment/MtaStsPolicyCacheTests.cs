using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Probing.Tests.Assessment;

/// <summary>RFC 8461 §3.3 caching rules with a clock the test moves by hand.</summary>
public sealed class MtaStsPolicyCacheTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly MtaStsPolicy Day = new(MtaStsMode.Enforce, 86400, ["mx.example.com"]);

    [Fact]
    public void A_policy_is_served_for_its_record_id_until_max_age_passes()
    {
        var clock = new ManualClock();
        var cache = new MtaStsPolicyCache(clock);
        cache.Store("example.com", "id1", Day);

        clock.Now = clock.Now.AddHours(23);
        Assert.Same(Day, cache.Get("example.com", "id1"));
        Assert.Null(cache.Get("example.com", "id2")); // a new id means: fetch again

        clock.Now = clock.Now.AddHours(2);
        Assert.Null(cache.Get("example.com", "id1"));
        Assert.Null(cache.GetAny("example.com"));
    }

    [Fact]
    public void An_unexpired_policy_is_still_available_under_any_id_as_a_fallback()
    {
        var cache = new MtaStsPolicyCache(new ManualClock());
        cache.Store("Example.com", "old", Day);

        var fallback = cache.GetAny("example.com");

        Assert.Equal((Day, "old"), fallback);
    }

    [Fact]
    public void A_policy_with_max_age_zero_is_not_kept_and_replaces_an_older_one()
    {
        var cache = new MtaStsPolicyCache(new ManualClock());
        cache.Store("example.com", "id1", Day);

        cache.Store("example.com", "id2", Day with { MaxAgeSeconds = 0 });

        Assert.Null(cache.GetAny("example.com"));
    }

    [Fact]
    public void A_full_cache_evicts_the_policies_expiring_soonest_and_keeps_the_new_one()
    {
        var clock = new ManualClock();
        var cache = new MtaStsPolicyCache(clock, capacity: 10);
        for (var i = 0; i < 10; i++)
            cache.Store($"d{i}.example", "id", Day with { MaxAgeSeconds = 3600 * (i + 1) });

        cache.Store("new.example", "id", Day);

        Assert.True(cache.Count <= 10);
        Assert.Same(Day, cache.Get("new.example", "id"));
        Assert.Null(cache.GetAny("d0.example")); // expired soonest: evicted first
        Assert.NotNull(cache.GetAny("d9.example"));
    }

    [Fact]
    public void However_many_domains_are_stored_the_cache_never_holds_more_than_its_capacity()
    {
        var cache = new MtaStsPolicyCache(new ManualClock(), capacity: 50);

        for (var i = 0; i < 1000; i++)
            cache.Store($"d{i}.example", "id", Day);

        Assert.InRange(cache.Count, 1, 50);
        Assert.Same(Day, cache.Get("d999.example", "id"));
    }
}
