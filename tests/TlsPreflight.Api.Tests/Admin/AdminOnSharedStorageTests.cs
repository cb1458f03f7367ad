using System.Net;
using System.Net.Http.Json;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>The admin pages on the API suites' hosts: the embedded SQLite default and production storage
/// (PostgreSQL + Redis), with the real Graph SDK reading the tenant's verified domains from a loopback server.</summary>
public abstract class AdminOnSharedStorageTests(ApiFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_policy_page_lists_the_verified_directory_domains_read_only_and_treats_them_as_internal()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await AdminSession.SignInAsync(site, tenant);

        var policy = await admin.GetAsync("/admin/policy");
        var lookup = await admin.GetAsync("/admin/domains?domain=" + LoopbackGraph.VerifiedDomain);

        Assert.Contains($"<li>{LoopbackGraph.VerifiedDomain}</li>", policy.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(LoopbackGraph.UnverifiedDomain, policy.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"value=\"{LoopbackGraph.VerifiedDomain}\"", policy.Html, StringComparison.Ordinal); // not editable
        Assert.True(lookup.Shows("Internal domain: never checked when sending."));
    }

    [Fact]
    public async Task The_policy_page_offers_the_tenants_sensitivity_labels_from_every_graph_page()
    {
        using var admin = await AdminSession.SignInAsync(site, Guid.NewGuid().ToString("N"));

        var policy = await admin.GetAsync("/admin/policy");

        Assert.Contains($"<li><code>{LoopbackGraph.FirstPageLabel.Id}</code> {LoopbackGraph.FirstPageLabel.Name}</li>", policy.Html, StringComparison.Ordinal);
        Assert.Contains($"<li><code>{LoopbackGraph.SecondPageLabel.Id}</code> {LoopbackGraph.SecondPageLabel.Name}</li>", policy.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Ignored", policy.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_saved_on_the_page_decides_the_next_send_and_the_audit_page_shows_it()
    {
        var tenant = Guid.NewGuid().ToString("N");
        var partner = $"plaintext.{Guid.NewGuid():N}.test";
        using var admin = await AdminSession.SignInAsync(site, tenant);
        var form = await admin.GetAsync("/admin/policy");
        using var saved = await admin.PostFormAsync("/admin/policy", form.AntiforgeryToken, PolicyFormFields.Build(0, [(partner, "Verified", "Block")]));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var sender = await site.SignInAsync(tenant, "bob");
        using var preview = await sender.PostAsJsonAsync("/api/v1/assessments", new { recipients = new[] { "x@" + partner }, intent = "preview" }, Cancel);
        using var send = await sender.PostAsJsonAsync("/api/v1/assessments", new { recipients = new[] { "x@" + partner }, intent = "send" }, Cancel);
        var decision = await send.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>(Cancel);

        Assert.Equal("block", (string?)decision!["decision"]);
        Assert.Equal(1, (int)decision["policyVersion"]!);
        var audit = await admin.GetAsync("/admin/audit?decision=block");
        Assert.True(audit.Shows("1 decision"));
        Assert.True(audit.Shows($"{partner} plaintext (needs verified) → block"));
        Assert.Contains("data-block=\"1\"", audit.Html, StringComparison.Ordinal);
    }
}

public sealed class AdminOnSqlite(SqliteApiFactory site) : AdminOnSharedStorageTests(site), IClassFixture<SqliteApiFactory>;

public sealed class AdminOnPostgres(PostgresApiFactory site) : AdminOnSharedStorageTests(site), IClassFixture<PostgresApiFactory>;
