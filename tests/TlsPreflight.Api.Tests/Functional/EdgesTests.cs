using System.Net;
using System.Net.Http.Json;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Functional;

/// <summary>Rate limits with small numbers so they are reached quickly.</summary>
public sealed class RateLimitedApiFactory : ApiFactory
{
    protected override Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        settings["RateLimits:PerUserPerMinute"] = "3";
        settings["RateLimits:PerTenantPerMinute"] = "5";
        settings["RateLimits:RefreshPerUserPerMinute"] = "1";
        settings["RateLimits:RefreshPerTenantPerMinute"] = "2";
        return Task.CompletedTask;
    }
}

public sealed class RateLimitTests(RateLimitedApiFactory factory) : FunctionalTest(factory), IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task A_user_over_the_limit_gets_429_as_a_problem_with_retry_after()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/api/v1/policy", Cancel);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task A_tenant_over_its_limit_is_refused_while_another_tenant_is_served()
    {
        var tenant = NewTenant();
        var first = await Factory.SignInAsync(tenant, "u1");
        var second = await Factory.SignInAsync(tenant, "u2");
        var other = await Factory.SignInAsync(NewTenant(), "u1");
        for (var i = 0; i < 3; i++)
        {
            (await first.GetAsync("/api/v1/policy", Cancel)).Dispose();
        }

        using var secondA = await second.GetAsync("/api/v1/policy", Cancel);
        using var secondB = await second.GetAsync("/api/v1/policy", Cancel);
        using var secondC = await second.GetAsync("/api/v1/policy", Cancel);
        using var otherTenant = await other.GetAsync("/api/v1/policy", Cancel);

        Assert.Equal(HttpStatusCode.OK, secondA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondB.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, secondC.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherTenant.StatusCode);
    }

    [Fact]
    public async Task Refresh_has_its_own_lower_limit_and_cached_reads_stay_available()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var domain = Domain("verified");

        // The refresh allowance (1) is used up first; plain reads must still pass, further refreshes not.
        using var refresh1 = await client.GetAsync($"/api/v1/domains/{domain}?refresh=true", Cancel);
        using var cached = await client.GetAsync($"/api/v1/domains/{domain}", Cancel);
        using var refresh2 = await client.GetAsync($"/api/v1/domains/{domain}?refresh=true", Cancel);

        Assert.Equal(HttpStatusCode.OK, refresh1.StatusCode);
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        await AssertProblemAsync(refresh2, HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Refresh_is_limited_per_tenant_across_its_users_while_another_tenant_still_refreshes()
    {
        var tenant = NewTenant();
        var domain = Domain("verified");
        var statuses = new List<HttpStatusCode>();
        foreach (var user in new[] { "u1", "u2", "u3" })
        {
            var client = await Factory.SignInAsync(tenant, user);
            using var refresh = await client.GetAsync($"/api/v1/domains/{domain}?refresh=true", Cancel);
            statuses.Add(refresh.StatusCode);
            if (refresh.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertProblemAsync(refresh, HttpStatusCode.TooManyRequests);
            }
        }

        var other = await Factory.SignInAsync(NewTenant(), "u1");
        using var otherRefresh = await other.GetAsync($"/api/v1/domains/{domain}?refresh=true", Cancel);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, otherRefresh.StatusCode);
    }

    [Fact]
    public async Task Health_and_add_in_files_are_not_rate_limited()
    {
        var client = Factory.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync("/health/live", Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}

public sealed class HostingTests(SqliteApiFactory factory) : FunctionalTest(factory), IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task The_cors_preflight_from_an_add_in_origin_is_answered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/assessments");
        request.Headers.Add("Origin", "https://addin.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");

        using var response = await Factory.CreateClient().SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("https://addin.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("authorization", response.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_cors_preflight_from_another_origin_gets_no_allow_origin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/assessments");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await Factory.CreateClient().SendAsync(request, Cancel);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_cross_origin_call_exposes_the_etag()
    {
        var client = await Factory.SignInAsync(NewTenant());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/policy");
        request.Headers.Add("Origin", "https://addin.example");
        using var response = await client.SendAsync(request, Cancel);
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Live_and_ready_health_answer_200()
    {
        var client = Factory.CreateClient();
        using var live = await client.GetAsync("/health/live", Cancel);
        using var ready = await client.GetAsync("/health/ready", Cancel);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_endpoints()
    {
        var document = await Factory.CreateClient().GetStringAsync("/openapi/v1.json", Cancel);
        foreach (var path in new[] { "/api/v1/assessments", "/api/v1/domains/{domain}", "/api/v1/policy", "/api/v1/audit", "/api/v1/audit/export" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_what_get_domain_answers()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await Factory.CreateClient().GetStringAsync("/openapi/v1.json", Cancel));
        var ok = document.RootElement.GetProperty("paths").GetProperty("/api/v1/domains/{domain}").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        var name = ok.GetProperty("$ref").GetString()!.Split('/')[^1];
        var properties = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(name).GetProperty("properties");

        Assert.All(["domain", "level", "findings", "mxHosts", "mtaSts", "dane", "tlsRpt", "checkedAt", "elapsedMs", "fromCache", "lastKnown"],
            field => Assert.True(properties.TryGetProperty(field, out _), field));
    }

    [Fact]
    public async Task The_built_add_in_and_the_well_known_allow_list_are_served()
    {
        var client = Factory.CreateClient();
        var script = await client.GetStringAsync("/addin/launchevent.js", Cancel);
        var allowed = await client.GetFromJsonAsync<AllowedList>("/.well-known/microsoft-officeaddins-allowed.json", Cancel);

        Assert.Equal("// built add-in\n", script);
        Assert.Equal(["http://localhost/addin/launchevent.js"], allowed!.Allowed);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        using var response = await Factory.CreateClient().GetAsync("/api/v1/nothing-here", Cancel);
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_signed_by_another_instance_is_refused()
    {
        await using var other = new SqliteApiFactory();
        await other.InitializeAsync();
        var foreign = await other.SignInAsync(NewTenant());
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = foreign.DefaultRequestHeaders.Authorization;

        using var response = await client.GetAsync("/api/v1/policy", Cancel);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    private sealed record AllowedList(string[] Allowed);
}

public sealed class EnvironmentTests
{
    [Fact]
    public async Task Start_up_fails_when_development_sign_in_is_on_outside_development()
    {
        await using var factory = new ApiFactory { EnvironmentName = "Production" };
        await factory.InitializeAsync();
        factory.Settings["DevelopmentSignIn:Enabled"] = "true";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("DevelopmentSignIn", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_there_is_no_token_endpoint_and_unsigned_callers_get_401()
    {
        await using var factory = new ApiFactory { EnvironmentName = "Production" };
        await factory.InitializeAsync();
        var client = factory.CreateClient();

        using var token = await client.PostAsJsonAsync("/dev/token", new { tenantId = "t", userId = "u" }, TestContext.Current.CancellationToken);
        using var policy = await client.GetAsync("/api/v1/policy", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, token.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, policy.StatusCode);
    }
}
