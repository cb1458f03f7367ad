using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using TlsPreflight.Api.Identity;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Identity;

/// <summary>Production with Entra ID (Microsoft.Identity.Web's JwtBearer and its multi-tenant issuer check) and
/// `Access:AllowedTenants`. The signing key is the test's own (Entra's JWKS is not reachable from here); the
/// authority is a closed loopback port, so no validation step can reach past 127.0.0.1.</summary>
public sealed class EntraApiFactory : ApiFactory
{
    public const string ClientId = "0b6f3c1e-7a52-4c8e-9f41-2d3e5a6b7c8d";
    public const string Authority = "https://127.0.0.1:1/";
    public static readonly string AllowedTenant = Guid.NewGuid().ToString();
    public static readonly string OtherTenant = Guid.NewGuid().ToString();

    private readonly RSA rsa = RSA.Create(2048);

    public EntraApiFactory() => EnvironmentName = "Production";

    public RsaSecurityKey SigningKey => new(rsa) { KeyId = "entra-test-key" };

    public static string IssuerOf(string tenant) => $"{Authority}{tenant}/v2.0";

    protected override Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        settings["AzureAd:Instance"] = Authority;
        settings["AzureAd:TenantId"] = "organizations";
        settings["AzureAd:ClientId"] = ClientId;
        settings["AzureAd:Audience"] = "api://" + ClientId;
        settings["Access:AllowedTenants:0"] = AllowedTenant;
        settings["Access:AllowedTenants:1"] = OtherTenant.ToUpperInvariant(); // ids compare without case
        settings.Remove("Graph:BaseUrl");
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
        {
            // Entra's metadata and keys, as the test's own: the issuer is Entra's template, checked by Identity.Web against tid.
            var configuration = new OpenIdConnectConfiguration { Issuer = Authority + "{tenantid}/v2.0" };
            configuration.SigningKeys.Add(SigningKey);
            jwt.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
            jwt.TokenValidationParameters.ValidIssuers = [configuration.Issuer];
        }));
    }

    public string Token(string tenant, Action<SecurityTokenDescriptor>? change = null, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = IssuerOf(tenant),
            Audience = ClientId, // Entra v2.0 access tokens name the app by its client id
            Subject = new ClaimsIdentity(DevelopmentClaims.For(tenant, "user-1", "alice@contoso.example", [])),
            Claims = new Dictionary<string, object> { ["ver"] = "2.0" },
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        };
        change?.Invoke(descriptor);
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        rsa.Dispose();
    }
}

public sealed class EntraTokenTests(EntraApiFactory factory) : IClassFixture<EntraApiFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> GetPolicyAsync(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/v1/policy", Cancel);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_of_an_allowed_tenant_signed_by_entra_with_the_scope_is_served()
    {
        using var response = await GetPolicyAsync(factory.Token(EntraApiFactory.AllowedTenant));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var other = await GetPolicyAsync(factory.Token(EntraApiFactory.OtherTenant));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_valid_token_of_a_tenant_not_on_the_allowed_list_gets_a_403_problem()
    {
        using var response = await GetPolicyAsync(factory.Token(Guid.NewGuid().ToString()));
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401()
    {
        using var response = await GetPolicyAsync(factory.Token(EntraApiFactory.AllowedTenant, t => t.Audience = "api://someone-else"));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_401()
    {
        using var response = await GetPolicyAsync(factory.Token(EntraApiFactory.AllowedTenant, t => t.Issuer = "https://issuer.invalid/" + EntraApiFactory.AllowedTenant + "/v2.0"));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_whose_tid_is_not_the_tenant_of_its_issuer_is_401()
    {
        // Issued by the allowed tenant's issuer, claiming to be another (also allowed) tenant.
        using var response = await GetPolicyAsync(factory.Token(EntraApiFactory.OtherTenant, t => t.Issuer = EntraApiFactory.IssuerOf(EntraApiFactory.AllowedTenant)));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        using var response = await GetPolicyAsync(factory.Token(EntraApiFactory.AllowedTenant, t =>
        {
            t.IssuedAt = DateTime.UtcNow.AddHours(-3);
            t.NotBefore = DateTime.UtcNow.AddHours(-3);
            t.Expires = DateTime.UtcNow.AddHours(-1);
        }));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unsigned_token_with_alg_none_is_401()
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var tenant = EntraApiFactory.AllowedTenant;
        var token = Part("""{"alg":"none","typ":"JWT"}""") + "." + Part($$"""
            {"iss":"{{EntraApiFactory.IssuerOf(tenant)}}","aud":"{{EntraApiFactory.ClientId}}","ver":"2.0","tid":"{{tenant}}","oid":"u","scp":"access_as_user","nbf":{{now - 60}},"exp":{{now + 3600}}}
            """) + ".";

        using var response = await GetPolicyAsync(token);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_without_the_access_as_user_scope_is_403()
    {
        using var response = await GetPolicyAsync(factory.Token(EntraApiFactory.AllowedTenant, t =>
            t.Subject = new ClaimsIdentity([new Claim("tid", EntraApiFactory.AllowedTenant), new Claim("oid", "u"), new Claim("scp", "Mail.Read"), new Claim("ver", "2.0")])));
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_development_token_is_refused_while_entra_is_configured()
    {
        using var issuer = new DevelopmentTokenIssuer(Options.Create(new DevelopmentSignInOptions { Enabled = true }), TimeProvider.System);
        var token = issuer.Issue(EntraApiFactory.AllowedTenant, "user-1", "mallory@contoso.example", [CallerIdentity.AdminAppRole]);

        using var response = await GetPolicyAsync(token);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_401()
    {
        using var rsa = RSA.Create(2048);
        using var response = await GetPolicyAsync(factory.Token(EntraApiFactory.AllowedTenant, key: new RsaSecurityKey(rsa) { KeyId = "entra-test-key" }));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
