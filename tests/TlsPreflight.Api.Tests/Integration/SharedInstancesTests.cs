using System.Net;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Integration;

/// <summary>Two API instances sharing one PostgreSQL database and one Redis, as behind a load balancer.</summary>
public sealed class SharedInstancesTests : IAsyncLifetime
{
    private readonly SharedFactory first = new();
    private readonly SharedFactory second = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var database = await TestServices.CreatePostgresDatabaseAsync(Cancel);
        foreach (var factory in new[] { first, second })
        {
            await factory.InitializeAsync();
            factory.Settings["Database:Provider"] = "Postgres";
            factory.Settings["ConnectionStrings:Postgres"] = database;
            factory.Settings["ConnectionStrings:Redis"] = TestServices.Redis;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    [Fact]
    public async Task An_assessment_probed_by_one_instance_is_served_from_the_shared_cache_by_the_other()
    {
        var tenant = Guid.NewGuid().ToString();
        var domain = $"enforced.{Guid.NewGuid():N}.test";
        var clientA = await first.SignInAsync(tenant);
        var clientB = await second.SignInAsync(tenant);

        using var fromA = await clientA.GetAsync($"/api/v1/domains/{domain}", Cancel);
        using var fromB = await clientB.GetAsync($"/api/v1/domains/{domain}", Cancel);

        Assert.Contains("\"fromCache\":false", await fromA.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var body = await fromB.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("\"fromCache\":true", body, StringComparison.Ordinal);
        Assert.Contains("\"level\":\"enforced\"", body, StringComparison.Ordinal);
        Assert.Equal(1, first.Assessor.CallsFor(domain));
        Assert.Equal(0, second.Assessor.CallsFor(domain));
    }

    [Fact]
    public async Task A_policy_saved_through_one_instance_is_read_and_applied_by_the_other()
    {
        var tenant = Guid.NewGuid().ToString();
        var adminA = await first.SignInAsync(tenant, "admin", admin: true);
        var userB = await second.SignInAsync(tenant, "user");
        var partner = $"encrypted.{Guid.NewGuid():N}.test";
        var policy = $$$"""
            {"failMode":"safe","defaultRule":{"requiredLevel":"encrypted","action":"warn"},
             "forcedTls":[{"pattern":"{{{partner}}}","requiredLevel":"verified","action":"block"}],
             "internalDomains":{"manual":[]},"audit":{"storeRecipientAddresses":false,"retentionDays":30}}
            """;
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/policy") { Content = new StringContent(policy, System.Text.Encoding.UTF8, "application/json") })
        {
            put.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var saved = await adminA.SendAsync(put, Cancel);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        using var readB = await userB.GetAsync("/api/v1/policy", Cancel);
        using var assessB = await userB.PostAsync("/api/v1/assessments",
            new StringContent($$$"""{"recipients":["x@{{{partner}}}"],"intent":"send"}""", System.Text.Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal("\"1\"", readB.Headers.ETag!.ToString());
        Assert.Contains("\"decision\":\"block\"", await assessB.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        var auditA = await adminA.GetStringAsync("/api/v1/audit", Cancel);
        Assert.Contains(partner, auditA, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_holding_a_tenants_policy_in_memory_applies_a_save_through_the_other_within_seconds()
    {
        var tenant = Guid.NewGuid().ToString();
        var adminA = await first.SignInAsync(tenant, "admin", admin: true);
        var userB = await second.SignInAsync(tenant, "user");
        var partner = $"encrypted.{Guid.NewGuid():N}.test";
        var recipients = new StringContent($$$"""{"recipients":["x@{{{partner}}}"],"intent":"preview"}""", System.Text.Encoding.UTF8, "application/json");
        using (var held = await userB.PostAsync("/api/v1/assessments", recipients, Cancel))
        {
            Assert.Contains("\"policyVersion\":0", await held.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        }

        var policy = $$$"""
            {"failMode":"open","defaultRule":{"requiredLevel":"verified","action":"block"},"forcedTls":[],
             "internalDomains":{"manual":[]},"audit":{"storeRecipientAddresses":false,"retentionDays":30}}
            """;
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/policy") { Content = new StringContent(policy, System.Text.Encoding.UTF8, "application/json") })
        {
            put.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var saved = await adminA.SendAsync(put, Cancel);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        // PolicyCache:RevalidateAfter is 2 s; allow ten for a busy machine.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string body;
        do
        {
            await Task.Delay(250, Cancel);
            using var again = await userB.PostAsync("/api/v1/assessments", recipients, Cancel);
            body = await again.Content.ReadAsStringAsync(Cancel);
        }
        while (!body.Contains("\"policyVersion\":1", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Contains("\"policyVersion\":1", body, StringComparison.Ordinal);
        Assert.Contains("\"decision\":\"block\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_instances_are_ready_when_postgres_and_redis_answer()
    {
        using var readyA = await first.CreateClient().GetAsync("/health/ready", Cancel);
        using var readyB = await second.CreateClient().GetAsync("/health/ready", Cancel);
        Assert.Equal(HttpStatusCode.OK, readyA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyB.StatusCode);
    }

    private sealed class SharedFactory : ApiFactory;
}
