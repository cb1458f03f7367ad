using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Admin.SignIn;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>Production with an Entra ID app registration: the admin pages sign in with OpenID Connect.</summary>
public sealed class EntraAdminSiteFactory : AdminSiteFactory
{
    public const string ClientId = "6c4f0a7e-1b7d-4a53-9d2e-4f0d2b1c9a11";

    protected override string Environment => "Production";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["AzureAd:ClientId"] = ClientId,
        ["AzureAd:Audience"] = "api://" + ClientId,
    };
}

public sealed class EntraSignInTests(EntraAdminSiteFactory site) : IClassFixture<EntraAdminSiteFactory>
{
    [Fact]
    public async Task With_an_entra_client_id_the_pages_challenge_through_OpenID_Connect_with_that_registration()
    {
        var schemes = site.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        var oidc = site.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(AdminSchemes.OpenIdConnect);
        var forward = site.Services.GetRequiredService<IOptionsMonitor<PolicySchemeOptions>>().Get(AdminSchemes.Admin);

        Assert.NotNull(await schemes.GetSchemeAsync(AdminSchemes.OpenIdConnect));
        Assert.NotNull(await schemes.GetSchemeAsync(AdminSchemes.Cookie));
        Assert.Equal(EntraAdminSiteFactory.ClientId, oidc.ClientId);
        Assert.StartsWith("https://login.microsoftonline.com/organizations", oidc.Authority, StringComparison.Ordinal);
        Assert.Equal(AdminSchemes.OpenIdConnect, forward.ForwardChallenge);
        Assert.Equal(AdminSchemes.Cookie, forward.ForwardDefault);
    }
}
