using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Scheduling;
using TlsPreflight.TestLab.Https;
using TlsPreflight.TestLab.Smtp;
using TlsPreflight.Probing.Smtp;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>The scheduler with real probes: tarpits (SMTP servers that accept and never speak) hold the slots.</summary>
public sealed class SchedulingTests(LabFixture lab)
{
    /// <summary>The API's default Assessments:PreviewDeadline: the bound the issue sets for tenant B's answer.</summary>
    private static readonly TimeSpan PreviewDeadline = TimeSpan.FromSeconds(30);

    private static readonly ProbeRequester TenantA = new("tenant-a");
    private static readonly ProbeRequester TenantB = new("tenant-b");
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Another_tenants_first_check_gets_its_real_level_while_500_tarpit_domains_of_one_tenant_wait()
    {
        var tarpits = Enumerable.Range(0, 50).Select(i => lab.Smtp(SmtpBehaviour.NoBanner, $"tarpit{i}.lab.test")).ToList();
        var slow = Enumerable.Range(0, 500).Select(i =>
        {
            var domain = LabFixture.NewDomain($"tarpit{i}");
            lab.PublishMx(domain, tarpits[i % tarpits.Count], mxHost: $"mx.{domain}");
            return domain;
        }).ToList();
        var (healthy, _, _) = lab.VerifiedDomain("tenantb");
        await using var engine = new LabEngine(lab);
        var scheduler = engine.Get<ProbeScheduler>();
        using var tenantA = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        var backlog = slow.Select(d => engine.Assessor.AssessAsync(d, TenantA, tenantA.Token)).ToList();
        await WaitUntil(() => scheduler.Load(ProbeLane.Smtp) is { Queued: > 100 } load && load.Running == engine.Options.MaxConcurrentProbes);
        var result = await engine.Assessor.AssessAsync(healthy, TenantB, Cancel).WaitAsync(PreviewDeadline, Cancel);

        Assert.Equal(SecurityLevel.Verified, result.Level);
        Assert.True(scheduler.Load(ProbeLane.Smtp).Queued > 0, "tenant B was answered before tenant A's backlog drained");
        await tenantA.CancelAsync();
        await Task.WhenAll(backlog.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        Assert.Equal(0, scheduler.Load(ProbeLane.Smtp).Queued); // tenant A gave up: its waiting probes are dropped
        Assert.True(tarpits.Sum(t => t.ConnectionCount) < slow.Count);
    }

    [Fact]
    public async Task A_queued_probe_whose_last_caller_gives_up_is_dropped_and_never_dials()
    {
        var tarpit = lab.Smtp(SmtpBehaviour.NoBanner, "tarpit.lab.test");
        var (_, droppedHost, dropped) = lab.VerifiedDomain("dropped");
        var (_, laterHost, later) = lab.VerifiedDomain("later");
        await using var engine = new LabEngine(lab, o => o.MaxConcurrentProbes = 1);
        var probes = engine.Get<MxProbeCache>();
        var holding = probes.GetAsync("tarpit.lab.test", tarpit.Address, TenantA, Cancel);
        await WaitUntil(() => tarpit.ConnectionCount == 1);
        using var caller = new CancellationTokenSource();
        var waiting = probes.GetAsync(droppedHost, dropped.Address, TenantA, caller.Token);

        await caller.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await holding;
        var next = await probes.GetAsync(laterHost, later.Address, TenantA, Cancel); // one slot, first come first served

        Assert.Equal(ProbeOutcome.Completed, next.Outcome);
        Assert.Equal(0, dropped.ConnectionCount);
        Assert.Equal(0, engine.Get<ProbeScheduler>().Load(ProbeLane.Smtp).Queued);
    }

    [Fact]
    public async Task A_full_queue_makes_the_domain_unknown_and_rate_limited_and_is_not_kept_as_its_result()
    {
        var tarpit = lab.Smtp(SmtpBehaviour.NoBanner, "tarpit.lab.test");
        var (_, queuedHost, queued) = lab.VerifiedDomain("queued");
        var (domain, _, server) = lab.VerifiedDomain("overflow");
        await using var engine = new LabEngine(lab, o =>
        {
            o.MaxConcurrentProbes = 1;
            o.MaxQueuedPerTenant = 1;
        });
        var probes = engine.Get<MxProbeCache>();
        var holding = probes.GetAsync("tarpit.lab.test", tarpit.Address, TenantA, Cancel);
        await WaitUntil(() => tarpit.ConnectionCount == 1);
        var waiting = probes.GetAsync(queuedHost, queued.Address, TenantA, Cancel);

        var overflow = await engine.Assessor.AssessAsync(domain, TenantA, Cancel);

        Assert.Equal(SecurityLevel.Unknown, overflow.Level);
        overflow.HasFinding(FindingCodes.RateLimited);
        Assert.Equal(ProbeOutcome.RateLimited, overflow.OnlyProbe().Outcome);
        Assert.Equal(ProbeStep.Queue, overflow.OnlyProbe().Step);
        Assert.Equal(0, server.ConnectionCount);
        await Task.WhenAll(holding, waiting);
        var again = await engine.Assessor.AssessAsync(domain, TenantA, Cancel);
        Assert.Equal(SecurityLevel.Verified, again.Level);
    }

    [Fact]
    public async Task A_full_policy_fetch_queue_is_a_fetch_error_now_and_not_a_back_off_for_the_policy_host()
    {
        var (domain, mxHost, _) = lab.VerifiedDomain("stsqueue");
        var policyHost = $"mta-sts.{domain}";
        lab.Zone.Txt($"_mta-sts.{domain}", "v=STSv1; id=1;").A(policyHost, lab.Https.Address);
        lab.Https.Route(policyHost, lab.Authority.Issue(policyHost), LabHttpResponse.Policy("enforce", 86400, mxHost), lab.Authority.Chain);
        await using var engine = new LabEngine(lab, o =>
        {
            o.MaxConcurrentPolicyFetches = 1;
            o.MaxQueuedPerTenant = 1;
        });
        var scheduler = engine.Get<ProbeScheduler>();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = scheduler.RunAsync(ProbeLane.Https, TenantA, null, _ => release.Task, () => -1, Cancel);
        var waiting = scheduler.RunAsync(ProbeLane.Https, TenantA, null, _ => Task.FromResult(1), () => -1, Cancel);

        var full = await engine.Assessor.AssessAsync(domain, TenantA, Cancel);
        release.SetResult(0);
        await Task.WhenAll(holding, waiting);
        var again = await engine.Assessor.AssessAsync(domain, TenantA, Cancel);

        Assert.Equal(MtaStsStatus.FetchError, full.MtaSts.Status);
        Assert.Contains("rate limited", full.MtaSts.Error);
        Assert.Equal(MtaStsStatus.Valid, again.MtaSts.Status);
        Assert.Equal(SecurityLevel.Enforced, again.Level);
    }

    [Fact]
    public async Task The_mx_probe_cache_keeps_at_most_its_configured_number_of_results()
    {
        var server = lab.Smtp(SmtpBehaviour.Plaintext, "plain.lab.test");
        await using var engine = new LabEngine(lab, o => o.MxResultCacheSize = 5);
        var probes = engine.Get<MxProbeCache>();

        for (var i = 0; i < 20; i++)
            await probes.GetAsync($"mx{i}.plain.lab.test", server.Address, TenantA, Cancel);

        Assert.InRange(probes.Count, 1, 5);
        Assert.Equal(20, server.ConnectionCount);
        Assert.Equal(new LaneLoad(0, 0, 0, 0), engine.Get<ProbeScheduler>().Load(ProbeLane.Smtp)); // no gate outlives its probe
    }

    /// <summary>Polls a condition the test needs before its next step; fails (not hangs) after a generous bound.</summary>
    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
            await Task.Delay(50, Cancel);
        Assert.True(condition(), "the lab did not reach the state this test needs");
    }
}
