using Microsoft.Extensions.Options;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Probing.Tests.Assessment;

/// <summary>RFC 8461 §3.3 back-off after a failed fetch, with a clock the test moves by hand.</summary>
public sealed class MtaStsFetchBackoffTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly MtaStsFetchResult Down = MtaStsFetchResult.FetchError("HTTP 500");

    private static MtaStsFetchBackoff Backoff(ManualClock clock, TimeSpan? wait = null)
        => new(clock, Options.Create(new ProbingOptions { MtaStsFetchBackoff = wait ?? TimeSpan.FromMinutes(5) }));

    [Fact]
    public void A_failed_fetch_holds_for_five_minutes_by_default_then_the_policy_may_be_fetched_again()
    {
        var clock = new ManualClock();
        var backoff = Backoff(clock);

        var held = backoff.Failed("example.com", "id1", Down);

        Assert.Equal(clock.Now.AddMinutes(5), held!.RetryAfter);
        clock.Now = clock.Now.AddMinutes(4);
        Assert.Same(Down, backoff.Current("example.com", "id1")!.Result);
        clock.Now = clock.Now.AddMinutes(1);
        Assert.Null(backoff.Current("example.com", "id1"));
    }

    [Fact]
    public void Another_record_id_or_a_success_ends_the_back_off()
    {
        var clock = new ManualClock();
        var backoff = Backoff(clock);
        backoff.Failed("example.com", "id1", Down);

        Assert.Null(backoff.Current("example.com", "id2"));
        backoff.Succeeded("example.com");
        Assert.Null(backoff.Current("example.com", "id1"));
    }

    [Fact]
    public void A_zero_back_off_holds_nothing()
    {
        var clock = new ManualClock();
        var backoff = Backoff(clock, TimeSpan.Zero);

        Assert.Null(backoff.Failed("example.com", "id1", Down));
        Assert.Null(backoff.Current("example.com", "id1"));
    }
}
