using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Scheduling;

namespace TlsPreflight.Probing.Tests.Scheduling;

/// <summary>The scheduler's rules with work the test holds open and releases by hand (no clocks, no sleeps).</summary>
public sealed class ProbeSchedulerTests
{
    private static readonly ProbeRequester TenantA = new("tenant-a");
    private static readonly ProbeRequester TenantB = new("tenant-b");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static ProbeScheduler Scheduler(int smtpSlots = 1, int queuedPerTenant = 100, int queued = 1000)
        => new(Options.Create(new ProbingOptions { MaxConcurrentProbes = smtpSlots, MaxQueuedPerTenant = queuedPerTenant, MaxQueued = queued }));

    /// <summary>Work that records when it starts and finishes when the test says so.</summary>
    private sealed class Held
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public void Release() => release.TrySetResult();

        public async Task<string> RunAsync(string name, ConcurrentQueue<string>? log = null)
        {
            log?.Enqueue(name);
            Started.TrySetResult();
            await release.Task;
            return name;
        }
    }

    private static Task<string> Run(ProbeScheduler scheduler, ProbeRequester requester, Func<Task<string>> work, string? gate = null)
        => scheduler.RunAsync(ProbeLane.Smtp, requester, gate, _ => work(), () => "rate-limited", Cancel);

    [Fact]
    public async Task Another_tenants_first_probe_takes_the_next_free_slot_ahead_of_a_long_backlog()
    {
        var scheduler = Scheduler(smtpSlots: 1);
        var log = new ConcurrentQueue<string>();
        var first = new Held();
        var running = Run(scheduler, TenantA, () => first.RunAsync("a0", log));
        await first.Started.Task;
        var backlog = Enumerable.Range(1, 50).Select(i => Run(scheduler, TenantA, () => Task.FromResult(Logged(log, $"a{i}")))).ToList();
        var b = Run(scheduler, TenantB, () => Task.FromResult(Logged(log, "b0")));

        first.Release();
        await Task.WhenAll([running, b, .. backlog]);

        Assert.Equal(["a0", "b0", "a1"], log.Take(3));
    }

    [Fact]
    public async Task The_partner_monitors_background_rechecks_wait_until_no_sender_is_waiting()
    {
        var scheduler = Scheduler(smtpSlots: 1);
        var log = new ConcurrentQueue<string>();
        var first = new Held();
        var running = Run(scheduler, TenantA, () => first.RunAsync("a0", log));
        await first.Started.Task;
        var monitor = Enumerable.Range(1, 3).Select(i => Run(scheduler, ProbeRequester.PartnerMonitor, () => Task.FromResult(Logged(log, $"m{i}")))).ToList();
        var senders = new[] { Run(scheduler, TenantB, () => Task.FromResult(Logged(log, "b1"))), Run(scheduler, TenantA, () => Task.FromResult(Logged(log, "a1"))) };

        first.Release();
        await Task.WhenAll([running, .. senders, .. monitor]);

        Assert.Equal(["a0", "b1", "a1", "m1", "m2", "m3"], log);
    }

    [Fact]
    public async Task A_full_tenant_queue_answers_rate_limited_at_once_and_other_tenants_still_queue()
    {
        var scheduler = Scheduler(smtpSlots: 1, queuedPerTenant: 2);
        var hold = new Held();
        var running = Run(scheduler, TenantA, () => hold.RunAsync("a0"));
        await hold.Started.Task;
        var queued = new[] { Run(scheduler, TenantA, () => Task.FromResult("a1")), Run(scheduler, TenantA, () => Task.FromResult("a2")) };

        var overflow = Run(scheduler, TenantA, () => Task.FromResult("a3"));
        var other = Run(scheduler, TenantB, () => Task.FromResult("b0"));

        Assert.True(overflow.IsCompletedSuccessfully);
        Assert.Equal("rate-limited", await overflow);
        Assert.False(other.IsCompleted);
        hold.Release();
        Assert.Equal(["a0", "a1", "a2", "b0"], (await Task.WhenAll([running, .. queued, other])).Order());
    }

    [Fact]
    public async Task At_the_overall_bound_the_longest_queue_gives_up_its_newest_item_to_a_newcomer()
    {
        var scheduler = Scheduler(smtpSlots: 1, queuedPerTenant: 10, queued: 3);
        var hold = new Held();
        var running = Run(scheduler, TenantA, () => hold.RunAsync("a0"));
        await hold.Started.Task;
        var queued = Enumerable.Range(1, 3).Select(i => Run(scheduler, TenantA, () => Task.FromResult($"a{i}"))).ToList();

        var newcomer = Run(scheduler, TenantB, () => Task.FromResult("b0"));

        Assert.Equal("rate-limited", await queued[2]);
        Assert.Equal(3, scheduler.Load(ProbeLane.Smtp).Queued);
        hold.Release();
        Assert.Equal("b0", await newcomer);
        Assert.Equal(["a1", "a2"], await Task.WhenAll(queued.Take(2)));
        await running;
    }

    [Fact]
    public async Task Work_whose_caller_gives_up_while_it_waits_is_dropped_and_never_runs()
    {
        var scheduler = Scheduler(smtpSlots: 1);
        var hold = new Held();
        var running = Run(scheduler, TenantA, () => hold.RunAsync("a0"));
        await hold.Started.Task;
        using var caller = new CancellationTokenSource();
        var ran = false;
        var waiting = scheduler.RunAsync(ProbeLane.Smtp, TenantB, null, _ => { ran = true; return Task.FromResult("b0"); }, () => "rate-limited", caller.Token);
        Assert.Equal(1, scheduler.Load(ProbeLane.Smtp).Queued);

        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, scheduler.Load(ProbeLane.Smtp).Queued);
        hold.Release();
        await running;
        var after = Run(scheduler, TenantA, () => Task.FromResult("a1"));
        Assert.Equal("a1", await after);
        Assert.False(ran);
    }

    [Fact]
    public async Task Work_behind_one_gate_runs_one_at_a_time_while_other_gates_pass()
    {
        var scheduler = Scheduler(smtpSlots: 4);
        var first = new Held();
        var sameGateRan = false;
        var one = Run(scheduler, TenantA, () => first.RunAsync("x1"), gate: "192.0.2.1");
        await first.Started.Task;

        var two = Run(scheduler, TenantA, () => { sameGateRan = true; return Task.FromResult("x2"); }, gate: "192.0.2.1");
        var other = Run(scheduler, TenantA, () => Task.FromResult("y1"), gate: "192.0.2.2");

        Assert.Equal("y1", await other);
        Assert.False(sameGateRan);
        Assert.False(two.IsCompleted);
        first.Release();
        Assert.Equal(["x1", "x2"], await Task.WhenAll(one, two));
    }

    [Fact]
    public async Task When_the_work_is_done_no_gate_and_no_tenant_is_left_behind()
    {
        var scheduler = Scheduler(smtpSlots: 3);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Run(scheduler, new ProbeRequester($"tenant-{i % 7}"), () => Task.FromResult("done"), gate: $"192.0.2.{i % 50}")));

        Assert.Equal(new LaneLoad(0, 0, 0, 0), scheduler.Load(ProbeLane.Smtp));
    }

    private static string Logged(ConcurrentQueue<string> log, string name)
    {
        log.Enqueue(name);
        return name;
    }
}
