using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Api.Storage;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Monitoring;

/// <summary>Issue 13 end to end: real DNS, SMTP and MTA-STS servers switched while the service runs, the monitor's
/// re-check passes, the posture history, the findings of the next assessment, the decisions and the webhooks.</summary>
public sealed class PartnerMonitorLabTests(MonitorLabFactory factory) : FunctionalTest(factory), IClassFixture<MonitorLabFactory>
{
    private MonitorLabFactory Lab => (MonitorLabFactory)Factory;

    [Fact]
    public async Task A_watched_partner_switched_three_times_gets_three_history_rows_three_findings_and_one_post_per_change_per_webhook()
    {
        var partner = $"p{Guid.NewGuid():N}"[..12] + ".monitor.test";
        Lab.Lab.AddPartner(partner, mtaSts: true);
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        await SavePolicyAsync(admin, Policy(forcedTls: $$"""{"pattern":"{{partner}}","requiredLevel":"verified","action":"block"}"""));
        var teams = $"{Lab.Webhook.BaseUrl}/workflows/{tenant}/triggers/manual/paths/invoke";
        await AddTenantWebhookAsync(tenant, teams);
        Lab.Webhook.FailFirst = 1; // the first POST of all is answered 503: the retry delivers it, once

        await Lab.PassAsync();
        Assert.Equal("enforced", await LevelAsync(admin, partner));

        Lab.Lab.PolicyToTesting(partner);
        await Lab.PassAsync();
        var afterPolicy = await DomainFindingsAsync(admin, partner);
        Assert.Contains("policy-weakened", afterPolicy);

        Lab.Lab.RenewShort(partner, days: 5);
        await Lab.PassAsync();
        var afterRenewal = await DomainFindingsAsync(admin, partner);
        Assert.Contains("certificate-expiring", afterRenewal);
        var listed = await ReadJsonAsync(await admin.GetAsync("/api/v1/monitoring/domains", Cancel));
        var row = listed!.AsArray().Single(d => (string?)d!["domain"] == partner)!;
        Assert.InRange((int)row["certificateDaysLeft"]!, 3, 5);
        Assert.Equal("forced-tls", (string?)row["reason"]);

        Lab.Lab.StartTlsOff(partner);
        await Lab.PassAsync();
        await Lab.PassAsync(); // unchanged: only lastSeen moves, nobody is told again

        var (_, send) = await AssessAsync(admin, "send", "someone@" + partner);
        Assert.Equal("block", (string?)send!["decision"]);
        var memory = send["domains"]![0]!["findings"]!.AsArray().Single(f => (string?)f!["code"] == "downgrade-suspected" && f["host"] is null)!;
        Assert.Contains("someone on the network is removing it", (string?)memory["text"], StringComparison.Ordinal);

        var history = (await ReadJsonAsync(await admin.GetAsync($"/api/v1/monitoring/domains/{partner}/history", Cancel)))!.AsArray();
        Assert.Equal(["plaintext", "verified", "verified", "enforced"], history.Select(h => (string?)h!["level"]));
        Assert.Contains("downgrade-suspected", history[0]!["findings"]!.AsArray().Select(f => (string?)f));
        Assert.True((DateTimeOffset)history[0]!["lastSeen"]! > (DateTimeOffset)history[0]!["time"]!);
        Assert.Equal(4, history.Select(h => (string?)h!["fingerprint"]).Distinct().Count());

        var serviceWide = Lab.Webhook.Accepted.Where(p => p.Path == "/service-wide").Select(p => JsonNode.Parse(p.Body)!).ToList();
        Assert.Equal(new[] { "evidence-changed", "level-lowered", "level-lowered" }.Order(), serviceWide.Select(p => (string?)p["change"]).Order());
        Assert.All(serviceWide, p => Assert.Equal(partner, (string?)p["domain"]));
        Assert.Contains(serviceWide, p => (string?)p["levelBefore"] == "verified" && (string?)p["levelAfter"] == "plaintext"
            && p["findings"]!.AsArray().Any(f => (string?)f == "downgrade-suspected"));
        Assert.DoesNotContain(serviceWide, p => p.ToJsonString().Contains(tenant, StringComparison.Ordinal));
        var cards = Lab.Webhook.Accepted.Where(p => p.Path != "/service-wide").ToList();
        Assert.Equal(3, cards.Count);
        Assert.All(cards, c => Assert.Equal("AdaptiveCard", (string?)JsonNode.Parse(c.Body)!["attachments"]![0]!["content"]!["type"]));
        Assert.Equal(7, Lab.Webhook.Requests); // 6 delivered + the one 503 that was retried
    }

    [Fact]
    public async Task A_partner_that_never_had_tls_gets_no_downgrade_suspected()
    {
        var partner = $"n{Guid.NewGuid():N}"[..12] + ".monitor.test";
        Lab.Lab.AddPlaintextPartner(partner);
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        await SavePolicyAsync(admin, Policy(forcedTls: $$"""{"pattern":"{{partner}}","requiredLevel":"encrypted","action":"block"}"""));

        await Lab.PassAsync();
        await Lab.PassAsync();

        var findings = await DomainFindingsAsync(admin, partner);
        Assert.Contains("starttls-not-supported", findings);
        Assert.DoesNotContain("downgrade-suspected", findings);
        var history = (await ReadJsonAsync(await admin.GetAsync($"/api/v1/monitoring/domains/{partner}/history", Cancel)))!.AsArray();
        Assert.Equal("plaintext", (string?)Assert.Single(history)!["level"]);
    }

    [Fact]
    public async Task Another_tenants_admin_cannot_read_a_history_it_does_not_watch()
    {
        var partner = $"o{Guid.NewGuid():N}"[..12] + ".monitor.test";
        Lab.Lab.AddPartner(partner, mtaSts: false);
        var watcher = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        await SavePolicyAsync(watcher, Policy(forcedTls: $$"""{"pattern":"{{partner}}","requiredLevel":"verified","action":"block"}"""));
        await Lab.PassAsync();
        var other = await Factory.SignInAsync(NewTenant(), "admin", admin: true);

        using var mine = await watcher.GetAsync($"/api/v1/monitoring/domains/{partner}/history", Cancel);
        using var theirs = await other.GetAsync($"/api/v1/monitoring/domains/{partner}/history", Cancel);
        var otherList = await other.GetStringAsync("/api/v1/monitoring/domains", Cancel);

        Assert.Equal(System.Net.HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.DoesNotContain(partner, otherList, StringComparison.Ordinal);
    }

    private async Task AddTenantWebhookAsync(string tenant, string url)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.TenantWebhooks.Add(new TenantWebhookRow { TenantId = tenant, Url = url, AddedAt = DateTimeOffset.UtcNow, AddedBy = "admin" });
        await db.SaveChangesAsync(Cancel);
    }

    private static async Task<string?> LevelAsync(HttpClient client, string domain)
        => (string?)(await ReadJsonAsync(await client.GetAsync($"/api/v1/domains/{domain}", Cancel)))!["level"];

    private static async Task<IReadOnlyList<string?>> DomainFindingsAsync(HttpClient client, string domain)
        => (await ReadJsonAsync(await client.GetAsync($"/api/v1/domains/{domain}", Cancel)))!["findings"]!.AsArray()
            .Select(f => (string?)f!["code"]).ToList();
}
