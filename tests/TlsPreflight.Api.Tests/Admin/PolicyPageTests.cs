using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>The policy page saves through the API's validator and store: what it shows, refuses and keeps.</summary>
public sealed class PolicyPageTests(AdminSiteFactory site) : IClassFixture<AdminSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Saving_the_policy_stores_a_new_version_that_the_page_and_the_api_show()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await site.SignInAsync(tenant, "alice");
        var form = await admin.GetAsync("/admin/policy");

        using var saved = await admin.PostFormAsync("/admin/policy", form.AntiforgeryToken, PolicyFormFields.Build(
            int.Parse(form.InputValue("Form.Version")!, System.Globalization.CultureInfo.InvariantCulture),
            [("Partner.COM", "Verified", "Block"), ("*.college.edu", "Encrypted", "Warn")],
            failMode: "Safe", internalDomains: "contoso.com\nfabrikam.com"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/admin/policy?saved=1", saved.Headers.Location!.ToString());
        var page = await admin.GetAsync("/admin/policy?saved=1");
        Assert.True(page.Shows("Saved as version 1"));
        Assert.True(page.Shows($"last changed by alice@{tenant}.example"));
        Assert.Equal("partner.com", page.InputValue("Form.ForcedTls[0].Pattern"));
        Assert.Equal("*.college.edu", page.InputValue("Form.ForcedTls[1].Pattern"));

        using var api = await site.ApiClientAsync(tenant);
        var policy = await api.GetFromJsonAsync<JsonObject>("/api/v1/policy", Cancel);
        Assert.Equal(1, (int)policy!["version"]!);
        Assert.Equal("safe", (string?)policy["failMode"]);
        Assert.Equal("verified", (string?)policy["forcedTls"]![0]!["requiredLevel"]);
        Assert.Equal("block", (string?)policy["forcedTls"]![0]!["action"]);
        Assert.Equal(["contoso.com", "fabrikam.com"], policy["internalDomains"]!["manual"]!.AsArray().Select(d => (string?)d));
    }

    [Fact]
    public async Task Each_forced_tls_row_says_what_an_unknown_result_decides_and_blocks_unless_changed()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await site.SignInAsync(tenant);
        var form = await admin.GetAsync("/admin/policy");
        var fields = PolicyFormFields.Build(0, [("partner.com", "Verified", "Block"), ("other.com", "Encrypted", "Block")]);
        fields["Form.ForcedTls[1].WhenUnknown"] = "Warn";

        using var saved = await admin.PostFormAsync("/admin/policy", form.AntiforgeryToken, fields);
        var page = await admin.GetAsync("/admin/policy");
        using var api = await site.ApiClientAsync(tenant);
        var policy = await api.GetFromJsonAsync<JsonObject>("/api/v1/policy", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("name=\"Form.ForcedTls[0].WhenUnknown\"", page.Html, StringComparison.Ordinal);
        Assert.True(page.Shows("If it cannot be checked"));
        Assert.Equal(["block", "warn"], policy!["forcedTls"]!.AsArray().Select(r => (string?)r!["whenUnknown"]));
    }

    [Fact]
    public async Task Removing_a_forced_tls_row_drops_it_and_history_keeps_both_versions()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await site.SignInAsync(tenant);
        var first = await admin.GetAsync("/admin/policy");
        using var _ = await admin.PostFormAsync("/admin/policy", first.AntiforgeryToken,
            PolicyFormFields.Build(0, [("partner.com", "Verified", "Block"), ("other.com", "Encrypted", "Warn")]));

        var second = await admin.GetAsync("/admin/policy");
        var fields = PolicyFormFields.Build(1, [("partner.com", "Verified", "Block"), ("other.com", "Encrypted", "Warn")]);
        fields["Form.ForcedTls[1].Remove"] = "true";
        using var removed = await admin.PostFormAsync("/admin/policy", second.AntiforgeryToken, fields);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var page = await admin.GetAsync("/admin/policy");
        Assert.Equal("partner.com", page.InputValue("Form.ForcedTls[0].Pattern"));
        Assert.True(string.IsNullOrEmpty(page.InputValue("Form.ForcedTls[1].Pattern"))); // only the empty "add" line
        var history = page.Html[page.Html.IndexOf("id=\"history-table\"", StringComparison.Ordinal)..];
        Assert.Contains("<td>2</td>", history, StringComparison.Ordinal);
        Assert.Contains("<td>1</td>", history, StringComparison.Ordinal);
        Assert.True(page.Shows("other.com (encrypted, warn)")); // version 1 in the history list
    }

    [Theory]
    [InlineData("*.*.college.edu", "Only a leading '*.' wildcard is allowed.")]
    [InlineData("bob@partner.com", "A domain (partner.com) or a wildcard for one label (*.college.edu).")]
    public async Task An_invalid_pattern_is_refused_with_the_reason_next_to_it(string pattern, string reason)
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await site.SignInAsync(tenant);
        var form = await admin.GetAsync("/admin/policy");

        var page = await admin.PostAsync("/admin/policy", form.AntiforgeryToken,
            PolicyFormFields.Build(0, [("good.com", "Verified", "Block"), (pattern, "Verified", "Block")]));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.True(page.Shows("Not saved: correct the fields marked below."));
        Assert.Equal(reason, page.ValidationMessage("Form.ForcedTls[1].Pattern"));
        Assert.Equal(pattern, page.InputValue("Form.ForcedTls[1].Pattern")); // what the admin typed stays
        Assert.True(page.Shows("Never saved"));
    }

    [Fact]
    public async Task Other_invalid_fields_are_refused_with_their_messages()
    {
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));
        var form = await admin.GetAsync("/admin/policy");

        var page = await admin.PostAsync("/admin/policy", form.AntiforgeryToken,
            PolicyFormFields.Build(0, [("partner.com", "Unknown", "Block")], internalDomains: "ok.com\nnot a domain!", retentionDays: "0"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.True(page.Shows("One of plaintext, encrypted, verified, enforced."));
        Assert.True(page.Shows("Between 1 and 3650 days."));
        Assert.True(page.Shows("'not': ") || page.Shows("'a': ") || page.Shows("'domain!': "));
    }

    [Fact]
    public async Task A_save_based_on_an_old_version_is_refused_and_the_newer_one_kept()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await site.SignInAsync(tenant, "alice");
        var form = await admin.GetAsync("/admin/policy"); // alice opens version 0

        using var api = await site.ApiClientAsync(tenant, "carol", admin: true); // carol saves version 1 meanwhile
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/policy")
        {
            Content = new StringContent("""
                {"failMode":"open","defaultRule":{"requiredLevel":"encrypted","action":"warn"},
                 "forcedTls":[{"pattern":"carol.com","requiredLevel":"verified","action":"block"}],
                 "internalDomains":{"manual":[]},"audit":{"storeRecipientAddresses":false,"retentionDays":90}}
                """, Encoding.UTF8, "application/json"),
        };
        put.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        using var carol = await api.SendAsync(put, Cancel);
        Assert.Equal(HttpStatusCode.OK, carol.StatusCode);

        var page = await admin.PostAsync("/admin/policy", form.AntiforgeryToken, PolicyFormFields.Build(0, [("alice.com", "Verified", "Block")]));

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.True(page.Shows($"Not saved: carol@{tenant}.example saved version 1"));
        Assert.Equal("alice.com", page.InputValue("Form.ForcedTls[0].Pattern"));
        var policy = await api.GetFromJsonAsync<JsonObject>("/api/v1/policy", Cancel);
        Assert.Equal(1, (int)policy!["version"]!);
        Assert.Equal("carol.com", (string?)policy["forcedTls"]![0]!["pattern"]);
    }

    [Fact]
    public async Task Another_tenants_policy_is_never_shown()
    {
        var tenantA = Guid.NewGuid().ToString("N");
        using var adminA = await site.SignInAsync(tenantA);
        var form = await adminA.GetAsync("/admin/policy");
        using var _ = await adminA.PostFormAsync("/admin/policy", form.AntiforgeryToken,
            PolicyFormFields.Build(0, [("secret-partner.com", "Verified", "Block")], internalDomains: "secret-internal.com"));

        using var adminB = await site.SignInAsync(Guid.NewGuid().ToString("N"));
        foreach (var path in new[] { "/admin", "/admin/policy", "/admin/export", "/admin/audit" })
        {
            var page = await adminB.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.DoesNotContain("secret-partner.com", page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-internal.com", page.Html, StringComparison.Ordinal);
        }

        var own = await adminA.GetAsync("/admin/export");
        Assert.Contains("secret-partner.com", own.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_field_that_does_not_parse_is_a_message_not_an_error_page()
    {
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));
        var form = await admin.GetAsync("/admin/policy");
        var fields = PolicyFormFields.Build(0, [("partner.com", "Verified", "Block")], retentionDays: "ninety");
        fields["Form.FailMode"] = "sometimes";

        var page = await admin.PostAsync("/admin/policy", form.AntiforgeryToken, fields);

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.True(page.Shows("Not saved"));
        Assert.True(page.Shows("The value 'ninety' is not valid"));
    }

    [Fact]
    public async Task An_admin_whose_browser_speaks_french_reads_the_meanings_in_french_and_others_in_english()
    {
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"), "alice");
        admin.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-BE");
        admin.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en;q=0.5");

        var french = await admin.GetAsync("/admin/policy");
        Assert.True(french.Shows("Fail safe (la sécurité d'abord) : quand un domaine ne peut pas être vérifié"));
        Assert.True(french.Shows("Outlook bloque le message et en donne la raison"));
        Assert.True(french.Shows("Les messages sont chiffrés vers des serveurs dotés d'un certificat valide"));

        admin.Client.DefaultRequestHeaders.AcceptLanguage.Clear();
        var english = await admin.GetAsync("/admin/policy");
        Assert.True(english.Shows("Fail safe (security first): when a domain cannot be checked"));
    }
}
