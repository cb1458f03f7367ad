using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>Who may see and change what on the admin pages.</summary>
public sealed class AdminAccessTests(AdminSiteFactory site) : IClassFixture<AdminSiteFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_visitor_who_is_not_signed_in_is_sent_to_the_sign_in_page()
    {
        using var client = site.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/admin/policy", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/admin/signin?ReturnUrl=%2Fadmin%2Fpolicy", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/policy")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/export")]
    [InlineData("/admin/domains?domain=verified.partner.test")]
    public async Task A_signed_in_user_who_is_not_an_admin_gets_the_administrator_page_with_403(string path)
    {
        using var user = await site.SignInAsync(Guid.NewGuid().ToString("N"), "bob", admin: false);

        var page = await user.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.True(page.Shows("You need to be an administrator"));
        Assert.False(page.Shows("Forced TLS domains"));
    }

    [Fact]
    public async Task A_user_who_is_not_an_admin_cannot_save_the_policy_even_with_a_valid_form()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var user = await site.SignInAsync(tenant, "bob", admin: false);
        var denied = await user.GetAsync("/admin/policy"); // its sign-out form carries a valid token for this user

        var saved = await user.PostAsync("/admin/policy", denied.AntiforgeryToken,
            PolicyFormFields.Build(0, [("partner.com", "Verified", "Block")]));

        Assert.Equal(HttpStatusCode.Forbidden, saved.Status);
        Assert.True(saved.Shows("You need to be an administrator"));
        using var api = await site.ApiClientAsync(tenant);
        var policy = await api.GetFromJsonAsync<JsonObject>("/api/v1/policy", Cancel);
        Assert.Equal(0, (int)policy!["version"]!);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_with_400_and_saves_nothing()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await site.SignInAsync(tenant);

        using var response = await admin.PostFormAsync("/admin/policy", token: null, PolicyFormFields.Build(0, [("partner.com", "Verified", "Block")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await admin.GetAsync("/admin/policy");
        Assert.True(page.Shows("Never saved"));
    }

    [Fact]
    public async Task A_token_from_another_users_session_is_refused()
    {
        using var other = await site.SignInAsync(Guid.NewGuid().ToString("N"), "mallory");
        var foreignToken = (await other.GetAsync("/admin/policy")).AntiforgeryToken;
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));

        using var response = await admin.PostFormAsync("/admin/policy", foreignToken, PolicyFormFields.Build(0, [("partner.com", "Verified", "Block")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));
        var page = await admin.GetAsync("/admin");

        using var signOut = await admin.PostFormAsync("/admin/signout", page.AntiforgeryToken, []);
        using var after = await admin.Client.GetAsync("/admin/policy", Cancel);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/admin/signin", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_cookie_does_not_authenticate_the_api()
    {
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));

        using var response = await admin.Client.GetAsync("/api/v1/policy", Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_refuses_bad_input_with_a_message()
    {
        using var session = new AdminSession(site.CreateClient(new() { AllowAutoRedirect = false }));
        var form = await session.GetAsync("/admin/signin");

        var page = await session.PostAsync("/admin/signin", form.AntiforgeryToken, new()
        {
            ["Form.TenantId"] = "",
            ["Form.UserId"] = "a b<script>",
            ["Form.IsAdmin"] = "true",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Shows("Enter a tenant id."));
        Assert.True(page.Shows("Letters, digits, dots, dashes, @ and underscores only."));
        Assert.DoesNotContain("<script>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_does_not_redirect_to_another_site()
    {
        using var session = new AdminSession(site.CreateClient(new() { AllowAutoRedirect = false }));
        var form = await session.GetAsync("/admin/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F");

        using var response = await session.PostFormAsync("/admin/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F", form.AntiforgeryToken, new()
        {
            ["Form.TenantId"] = "contoso",
            ["Form.UserId"] = "admin",
            ["Form.IsAdmin"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location!.ToString());
    }
}

/// <summary>The admin pages of a service that serves one tenant only.</summary>
public sealed class OneTenantAdminSiteFactory : AdminSiteFactory
{
    public const string Tenant = "3f2d6a10-5b7e-4c21-8a9f-0d4e6b1c2a33";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Access:AllowedTenants:0"] = Tenant,
    };
}

public sealed class AllowedTenantAdminTests(OneTenantAdminSiteFactory site) : IClassFixture<OneTenantAdminSiteFactory>
{
    [Fact]
    public async Task An_admin_of_a_tenant_the_service_does_not_serve_gets_403_with_the_reason()
    {
        using var stranger = await site.SignInAsync(Guid.NewGuid().ToString(), "mallory");
        using var member = await site.SignInAsync(OneTenantAdminSiteFactory.Tenant, "alice");

        var refused = await stranger.GetAsync("/admin/policy");
        var served = await member.GetAsync("/admin/policy");

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.True(refused.Shows("does not serve your organisation"));
        Assert.Equal(HttpStatusCode.OK, served.Status);
    }
}
