using System.Net;
using TlsPreflight.Api.Admin.SignIn;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>Outside Development the development sign-in does not exist.</summary>
public sealed class ProductionSignInTests(ProductionAdminSiteFactory site) : IClassFixture<ProductionAdminSiteFactory>
{
    [Fact]
    public async Task The_development_sign_in_page_is_absent_outside_Development()
    {
        using var client = site.CreateClient(new() { AllowAutoRedirect = false });

        using var get = await client.GetAsync("/admin/signin", TestContext.Current.CancellationToken);
        using var post = await client.PostAsync("/admin/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.TenantId"] = "contoso",
            ["Form.UserId"] = "admin",
            ["Form.IsAdmin"] = "true",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.DoesNotContain(post.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith(".TlsPreflight.Admin", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Without_entra_id_configured_the_pages_say_that_sign_in_is_not_set_up()
    {
        using var client = site.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/admin/audit", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(AdminAuthentication.NoSignInConfigured, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
