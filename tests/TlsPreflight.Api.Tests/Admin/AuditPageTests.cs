using System.Net;
using System.Net.Http.Json;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>The audit page shows the tenant's send decisions (written by the real API), filters, pages and exports them.</summary>
public sealed class AuditPageTests(AdminSiteFactory site) : IClassFixture<AdminSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task SendAsync(HttpClient api, params string[] recipients)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/assessments", new { recipients, intent = "send" }, Cancel);
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task With_no_decisions_the_page_shows_empty_states()
    {
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));

        var page = await admin.GetAsync("/admin/audit");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Shows("No send decisions in the last 30 days."));
        Assert.True(page.Shows("No domain fell below its required level."));
        Assert.True(page.Shows("No external domain was checked yet."));
        Assert.True(page.Shows("No send decisions match."));
        Assert.DoesNotContain("<svg", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_decisions_appear_in_the_table_and_the_charts_count_them()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var api = await site.ApiClientAsync(tenant, "bob");
        await SendAsync(api, "x@plaintext.partner.test"); // default rule: encrypted/warn → warn
        await SendAsync(api, "y@verified.partner.test"); // allow
        await SendAsync(api, "z@plaintext.partner.test", "w@verified.partner.test"); // warn
        using var admin = await site.SignInAsync(tenant);

        var page = await admin.GetAsync("/admin/audit");

        Assert.True(page.Shows("3 decisions"));
        Assert.Contains("data-allow=\"1\" data-warn=\"2\" data-block=\"0\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-label=\"plaintext.partner.test\" data-count=\"2\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-label=\"plaintext\" data-count=\"2\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-label=\"verified\" data-count=\"2\"", page.Html, StringComparison.Ordinal);
        Assert.True(page.Shows($"bob@{tenant}.example"));
    }

    [Fact]
    public async Task Filters_narrow_the_table_and_paging_keeps_them()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var api = await site.ApiClientAsync(tenant, "bob");
        for (var i = 0; i < 27; i++)
        {
            await SendAsync(api, "x@plaintext.many.test");
        }

        await SendAsync(api, "y@verified.one.test");
        using var admin = await site.SignInAsync(tenant);

        var warned = await admin.GetAsync("/admin/audit?decision=warn");
        var allowed = await admin.GetAsync("/admin/audit?decision=allow&domain=verified.one.test");
        var second = await admin.GetAsync("/admin/audit?decision=warn&page=2");
        var nobody = await admin.GetAsync("/admin/audit?sender=nobody@x.test");

        Assert.True(warned.Shows("27 decisions"));
        Assert.Contains("href=\"/admin/audit?decision=warn&amp;page=2\"", warned.Html, StringComparison.Ordinal);
        Assert.True(allowed.Shows("1 decision"));
        Assert.True(second.Shows("Page 2 of 2"));
        Assert.True(nobody.Shows("No send decisions match."));
    }

    [Fact]
    public async Task A_date_range_includes_its_last_day()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var api = await site.ApiClientAsync(tenant, "bob");
        await SendAsync(api, "x@plaintext.range.test");
        using var admin = await site.SignInAsync(tenant);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var throughToday = await admin.GetAsync($"/admin/audit?from={today}&to={today}");
        var throughYesterday = await admin.GetAsync($"/admin/audit?from={yesterday}&to={yesterday}");

        Assert.True(throughToday.Shows("1 decision"));
        Assert.Equal(today, throughToday.InputValue("to")); // the form shows what was typed
        Assert.True(throughYesterday.Shows("No send decisions match."));
    }

    [Fact]
    public async Task A_bad_filter_value_is_a_message_not_an_error_page()
    {
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));

        var page = await admin.GetAsync("/admin/audit?from=yesterday&decision=maybe&domain=a@b.c");

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.True(page.Shows("An ISO 8601 date or time"));
        Assert.True(page.Shows("One of allow, warn, block."));
        Assert.True(page.Shows("A domain name, e.g. partner.com."));
    }

    [Fact]
    public async Task The_last_day_of_the_calendar_as_to_date_is_a_page_not_a_server_error()
    {
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));

        var page = await admin.GetAsync("/admin/audit?to=9999-12-31");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Shows("No send decisions match."));
    }

    [Fact]
    public async Task The_csv_link_downloads_the_filtered_entries_of_this_tenant_only()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var api = await site.ApiClientAsync(tenant, "bob");
        await SendAsync(api, "x@plaintext.csv.test");
        using var otherApi = await site.ApiClientAsync(Guid.NewGuid().ToString("N"), "eve");
        await SendAsync(otherApi, "x@plaintext.other-tenant.test");
        using var admin = await site.SignInAsync(tenant);

        using var response = await admin.Client.GetAsync("/admin/audit?handler=Csv&decision=warn", Cancel);
        var csv = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("id,time,sender,decision", csv, StringComparison.Ordinal);
        Assert.Contains("plaintext.csv.test", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("other-tenant", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenants_decisions_are_never_shown()
    {
        using var otherApi = await site.ApiClientAsync(Guid.NewGuid().ToString("N"), "eve");
        await SendAsync(otherApi, "x@plaintext.hidden-partner.test");
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));

        var page = await admin.GetAsync("/admin/audit");

        Assert.DoesNotContain("hidden-partner", page.Html, StringComparison.Ordinal);
        Assert.True(page.Shows("No send decisions match."));
    }
}
