using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Admin.SignIn;
using TlsPreflight.Api.Identity;
using TlsPreflight.Api.Tests.Admin;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Functional;

/// <summary>Gives each test request the peer address named in `X-Test-Peer`, as Kestrel would for a real connection.</summary>
public sealed class PeerFromHeader : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextStep) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            }

            return nextStep(context);
        });
        next(app);
    };
}

/// <summary>Production behind a load balancer in 10.0.0.0/8, with test peers.</summary>
public sealed class BehindProxyApiFactory : ApiFactory
{
    public BehindProxyApiFactory() => EnvironmentName = "Production";

    protected override Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        settings["Proxy:KnownNetworks:0"] = "10.0.0.0/8";
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
    }
}

/// <summary>Development with test peers, for the loopback-only development sign-in.</summary>
public sealed class DevelopmentWithPeersApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerFromHeader>());
    }
}

public sealed class ForwardedHeadersTests(BehindProxyApiFactory factory) : IClassFixture<BehindProxyApiFactory>
{
    private async Task<string> AllowedScriptAsync(string peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/microsoft-officeaddins-allowed.json");
        request.Headers.Add(PeerFromHeader.Header, peer);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        return (await response.Content.ReadFromJsonAsync<AllowedList>(TestContext.Current.CancellationToken))!.Allowed.Single();
    }

    [Fact]
    public async Task The_scheme_forwarded_by_a_known_proxy_is_believed()
        => Assert.StartsWith("https://", await AllowedScriptAsync("10.1.2.3"), StringComparison.Ordinal);

    [Fact]
    public async Task Forwarded_headers_from_any_other_peer_are_ignored()
        => Assert.StartsWith("http://", await AllowedScriptAsync("192.0.2.7"), StringComparison.Ordinal);

    [Fact]
    public async Task Outside_development_an_https_answer_carries_hsts_and_every_answer_nosniff()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://tls.contoso.example") });
        using var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        using var missing = await client.GetAsync("/api/v1/nothing-here", TestContext.Current.CancellationToken);

        Assert.Contains("max-age=", live.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", live.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("nosniff", missing.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private sealed record AllowedList(string[] Allowed);
}

public sealed class SecurityHeaderTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task The_add_in_files_may_be_framed_by_outlook_only_and_are_never_sniffed()
    {
        using var response = await factory.CreateClient().GetAsync("/addin/launchevent.js", TestContext.Current.CancellationToken);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("frame-ancestors 'self' ", policy, StringComparison.Ordinal);
        Assert.Contains("https://*.office.com", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("frame-ancestors *", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task In_development_there_is_no_hsts()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://tls.contoso.example") });
        using var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

public sealed class LoopbackSignInTests(DevelopmentWithPeersApiFactory factory) : IClassFixture<DevelopmentWithPeersApiFactory>
{
    private async Task<HttpStatusCode> TokenStatusAsync(string peer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/dev/token") { Content = JsonContent.Create(new { tenantId = "t", userId = "u" }) };
        request.Headers.Add(PeerFromHeader.Header, peer);
        using var response = await factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task The_development_token_is_issued_to_a_loopback_caller()
    {
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync("127.0.0.1"));
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync("::1"));
    }

    [Fact]
    public async Task The_development_sign_in_does_not_answer_a_caller_from_another_address()
    {
        Assert.Equal(HttpStatusCode.NotFound, await TokenStatusAsync("10.0.0.8"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/signin");
        request.Headers.Add(PeerFromHeader.Header, "192.168.1.20");
        using var page = await factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("https://127.0.0.1:5001", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("https://tls.contoso.example", false)]
    [InlineData("http://10.0.0.4:80", false)]
    public void A_url_counts_as_loopback_only_when_its_host_is(string url, bool loopback)
        => Assert.Equal(loopback, LoopbackSignIn.IsLoopbackUrl(url));

    [Fact]
    public async Task A_development_service_bound_to_a_non_loopback_address_with_development_sign_in_refuses_to_start()
    {
        await using var bound = new ApiFactory();
        await bound.InitializeAsync();
        bound.Settings["urls"] = "http://localhost:5080;http://0.0.0.0:5080";

        var error = Assert.ThrowsAny<Exception>(() => bound.CreateClient());

        Assert.Contains("DevelopmentSignIn:Enabled is true and the service listens on http://0.0.0.0:5080", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_development_service_given_container_ports_with_development_sign_in_refuses_to_start()
    {
        await using var bound = new ApiFactory();
        await bound.InitializeAsync();
        bound.Settings["http_ports"] = "8080";

        var error = Assert.ThrowsAny<Exception>(() => bound.CreateClient());

        Assert.Contains("listens on http://*:8080", error.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>A clock the test moves forward, for the admin cookie's role re-check.</summary>
public sealed class MovableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

public sealed class MovableClockAdminSiteFactory : AdminSiteFactory
{
    public MovableClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.PostConfigure<CookieAuthenticationOptions>(AdminSchemes.Cookie, cookie => cookie.TimeProvider = Clock));
    }
}

public sealed partial class AdminEdgeTests(MovableClockAdminSiteFactory site) : IClassFixture<MovableClockAdminSiteFactory>
{
    [Theory]
    [InlineData("/admin")]
    [InlineData("/admin/policy")]
    [InlineData("/admin/domains")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/export")]
    public async Task Each_admin_page_has_a_strict_csp_and_no_inline_script_or_style(string path)
    {
        using var session = await site.SignInAsync(Guid.NewGuid().ToString());
        using var response = await session.Client.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(InlineStyle(), html);
    }

    [Fact]
    public async Task A_role_read_at_sign_in_is_believed_for_minutes_only_then_the_admin_signs_in_again()
    {
        using var session = await site.SignInAsync(Guid.NewGuid().ToString());
        var before = await session.GetAsync("/admin/policy");

        site.Clock.Offset = AdminAuthentication.DefaultRoleRecheck + TimeSpan.FromMinutes(1);
        var after = await session.GetAsync("/admin/policy");
        site.Clock.Offset = TimeSpan.Zero;

        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.StartsWith("/admin/signin", new Uri(new Uri("http://localhost"), after.Location).AbsolutePath, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<style\b|\sstyle\s*=|\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineStyle();
}

public sealed class ProductionCookieTests(ProductionAdminSiteFactory site) : IClassFixture<ProductionAdminSiteFactory>
{
    [Fact]
    public void Outside_development_the_admin_and_antiforgery_cookies_are_always_secure()
    {
        var cookie = site.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AdminSchemes.Cookie);
        var antiforgery = site.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;

        Assert.Equal(CookieSecurePolicy.Always, cookie.Cookie.SecurePolicy);
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.Cookie.SecurePolicy);
    }
}
