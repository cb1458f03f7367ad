using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Api.Storage;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>The Partners page, a domain's timeline, the overview's count and the tenant's webhooks.</summary>
public sealed class PartnersPageTests(AdminSiteFactory site) : IClassFixture<AdminSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_watched_domain_that_changed_shows_its_level_strip_timeline_and_the_weekly_count()
    {
        var tenant = Guid.NewGuid().ToString("N");
        var partner = $"verified.{Guid.NewGuid():N}.test";
        var api = await site.ApiClientAsync(tenant, "admin", admin: true);
        await SaveForcedTlsAsync(api, partner);
        await RememberAsync(partner, SecurityLevel.Plaintext, DateTimeOffset.UtcNow.AddDays(-3));

        await site.Services.GetRequiredService<RecheckPass>().RunOnceAsync(Cancel);
        using var admin = await site.SignInAsync(tenant);
        var partners = await admin.GetAsync("/admin/partners");
        var timeline = await admin.GetAsync($"/admin/partner?domain={partner}");
        var overview = await admin.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, partners.Status);
        Assert.Contains($"href=\"/admin/partner?domain={partner}\"", partners.Html, StringComparison.Ordinal);
        Assert.Contains("badge level-verified", partners.Html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"chart strip\"", partners.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"level-plaintext\"", partners.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"level-verified\"", partners.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, timeline.Status);
        Assert.True(timeline.Html.IndexOf("level-verified", StringComparison.Ordinal) < timeline.Html.IndexOf("level-plaintext", StringComparison.Ordinal));
        Assert.True(overview.Shows("1 partner changed this week"));
    }

    [Fact]
    public async Task A_tenant_admin_can_add_a_public_https_webhook_but_not_one_aimed_at_an_internal_host()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await site.SignInAsync(tenant);
        var page = await admin.GetAsync("/admin/partners");

        var internalHost = await admin.PostAsync("/admin/partners?handler=AddWebhook", page.AntiforgeryToken, new() { ["NewWebhook"] = "https://169.254.169.254/latest" });
        var plainHttp = await admin.PostAsync("/admin/partners?handler=AddWebhook", page.AntiforgeryToken, new() { ["NewWebhook"] = "http://hooks.example.com/tls" });
        using var added = await admin.PostFormAsync("/admin/partners?handler=AddWebhook", page.AntiforgeryToken, new() { ["NewWebhook"] = "https://hooks.example.com/tls" });
        var after = await admin.GetAsync("/admin/partners");
        var otherTenant = await (await site.SignInAsync(Guid.NewGuid().ToString("N"))).GetAsync("/admin/partners");

        Assert.Equal(HttpStatusCode.BadRequest, internalHost.Status);
        Assert.True(internalHost.Shows("Webhooks must point at a public host, not an internal one."));
        Assert.Equal(HttpStatusCode.BadRequest, plainHttp.Status);
        Assert.True(plainHttp.Shows("Webhooks must use https."));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(after.Shows("https://hooks.example.com/tls"));
        Assert.False(after.Shows("169.254.169.254"));
        Assert.False(otherTenant.Shows("https://hooks.example.com/tls"));
    }

    private static async Task SaveForcedTlsAsync(HttpClient api, string partner)
    {
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/policy")
        {
            Content = JsonContent.Create(new
            {
                failMode = "open",
                defaultRule = new { requiredLevel = "encrypted", action = "warn" },
                forcedTls = new[] { new { pattern = partner, requiredLevel = "verified", action = "block" } },
                internalDomains = new { manual = Array.Empty<string>() },
                audit = new { storeRecipientAddresses = false, retentionDays = 30 },
            }),
        };
        put.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        using var saved = await api.SendAsync(put, Cancel);
        saved.EnsureSuccessStatusCode();
    }

    /// <summary>A posture remembered from an earlier check (what a pass three days ago would have written).</summary>
    private async Task RememberAsync(string domain, SecurityLevel level, DateTimeOffset time)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var evidence = new PostureEvidence([], [], null, null, false);
        db.Postures.Add(new PostureRow
        {
            Domain = domain, Time = time, LastSeen = time, Level = level, Fingerprint = evidence.Fingerprint(), Evidence = evidence.ToJson(),
        });
        await db.SaveChangesAsync(Cancel);
    }
}
