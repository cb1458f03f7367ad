using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Tests.Infrastructure;
using TlsPreflight.Probing.Scheduling;
using TlsPreflight.TestLab;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.Api.Tests.Integration;

/// <summary>The API with the real engine against a lab of tarpits: 500 domains whose MX accept and never speak,
/// spread over 50 loopback addresses, and one healthy domain.</summary>
public sealed class TarpitLabFactory : ApiFactory
{
    public LoopbackLab Lab { get; private set; } = null!;
    public IReadOnlyList<string> TarpitDomains { get; private set; } = [];
    public string HealthyDomain { get; } = "healthy.fairshare.lab.test";

    protected override bool UseScriptedEngine => false;

    protected override Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        Lab = new LoopbackLab();
        var tarpits = Enumerable.Range(0, 50).Select(i => Lab.Smtp(SmtpBehaviour.NoBanner, $"tarpit{i}.fairshare.lab.test")).ToList();
        TarpitDomains = Enumerable.Range(0, 500).Select(i =>
        {
            var domain = $"tarpit{i}.fairshare.lab.test";
            Lab.Zone.Mx(domain, 10, $"mx.{domain}").A($"mx.{domain}", tarpits[i % tarpits.Count].Address);
            return domain;
        }).ToList();
        var mxHost = $"mx.{HealthyDomain}";
        var healthy = Lab.Smtp(SmtpBehaviour.StartTls, mxHost, Lab.Authority.Issue(mxHost));
        Lab.Zone.Mx(HealthyDomain, 10, mxHost).A(mxHost, healthy.Address);

        foreach (var (name, value) in Lab.ProbingSettings)
        {
            settings[name] = value;
        }

        // The lab's short step deadlines: a tarpit holds an SMTP slot for 2 s, not the production 10 s.
        settings["Probing:ConnectTimeout"] = "00:00:02";
        settings["Probing:SmtpCommandTimeout"] = "00:00:02";
        settings["Assessments:PreviewDeadline"] = new AssessmentOptions().PreviewDeadline.ToString("c", CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Lab.DisposeAsync();
    }
}

public sealed class FairShareTests(TarpitLabFactory factory) : FunctionalTest(factory), IClassFixture<TarpitLabFactory>
{
    private TarpitLabFactory Lab => (TarpitLabFactory)Factory;

    [Fact]
    public async Task A_tenants_first_check_gets_its_real_level_within_the_preview_deadline_while_another_tenant_checks_500_tarpit_domains()
    {
        var tenantA = await Factory.SignInAsync(NewTenant());
        var tenantB = await Factory.SignInAsync(NewTenant());
        var scheduler = Factory.Services.GetRequiredService<ProbeScheduler>();
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var backlog = tenantA.PostAsJsonAsync("/api/v1/assessments",
            new { recipients = Lab.TarpitDomains.Select(d => "someone@" + d).ToArray(), intent = "preview" }, giveUp.Token);
        await WaitUntil(() => scheduler.Load(ProbeLane.Smtp).Queued > 100);

        // Past the preview deadline the API answers `unknown` (timeout): the level itself is the deadline check.
        var (status, body) = await AssessAsync(tenantB, "preview", "bob@" + Lab.HealthyDomain);

        Assert.Equal(HttpStatusCode.OK, status);
        var domain = body!["domains"]![0]!;
        Assert.Equal("verified", (string?)domain["level"]);
        Assert.True(scheduler.Load(ProbeLane.Smtp).Queued > 0, "tenant B was answered only after tenant A's backlog drained");
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backlog);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
            await Task.Delay(50, Cancel);
        Assert.True(condition(), "the lab did not reach the state this test needs");
    }
}
