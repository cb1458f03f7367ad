using System.Net;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Functional;

/// <summary>Every kind of bad input gets a 4xx problem response, never a 500 or a hang.</summary>
public abstract class BadInputSuite(ApiFactory factory) : FunctionalTest(factory)
{
    public static TheoryData<string, string, int> BadBodies => new()
    {
        { "malformed JSON", """{"recipients": ["a@b.test", """, 400 },
        { "not an object", """["a@b.test"]""", 400 },
        { "unknown field", """{"recipients":["a@b.test"],"intent":"preview","cc":[]}""", 400 },
        { "missing intent", """{"recipients":["a@b.test"]}""", 400 },
        { "unknown intent", """{"recipients":["a@b.test"],"intent":"launch"}""", 400 },
        { "numeric intent", """{"recipients":["a@b.test"],"intent":1}""", 400 },
        { "null recipients", """{"recipients":null,"intent":"preview"}""", 400 },
        { "recipient not a string", """{"recipients":[42],"intent":"preview"}""", 400 },
        { "empty body", "", 400 },
        { "no recipients", """{"recipients":[],"intent":"preview"}""", 400 },
        { "only bad addresses", """{"recipients":["@nodomain","bob@","x@-bad-.test","a@b@"],"intent":"preview"}""", 400 },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_assessment_body_is_a_problem(string why, string body, int status)
    {
        var client = await Factory.SignInAsync(NewTenant());
        using var response = await client.PostAsync("/api/v1/assessments", Json(body), Cancel);
        Assert.True((int)response.StatusCode == status, $"{why}: got {(int)response.StatusCode}");
        await AssertProblemAsync(response, (HttpStatusCode)status);
    }

    [Fact]
    public async Task Without_one_valid_recipient_each_bad_one_is_named_by_its_index()
    {
        var client = await Factory.SignInAsync(NewTenant());
        using var response = await client.PostAsync("/api/v1/assessments",
            Json("""{"recipients":["bob@","no spaces@x y.test"],"intent":"preview"}"""), Cancel);
        var errors = (await ReadJsonAsync(response))!["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["recipients[0]", "recipients[1]"], errors);
    }

    [Fact]
    public async Task An_unknown_field_is_named_in_the_problem_detail()
    {
        var client = await Factory.SignInAsync(NewTenant());
        using var response = await client.PostAsync("/api/v1/assessments", Json("""{"recipients":["a@b.test"],"intent":"preview","bcc":[]}"""), Cancel);
        Assert.Contains("bcc", (string?)(await ReadJsonAsync(response))!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_500_recipients_are_refused()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var recipients = string.Join(',', Enumerable.Range(0, 501).Select(i => $"\"u{i}@d{i}.test\""));
        using var response = await client.PostAsync("/api/v1/assessments", Json($$"""{"recipients":[{{recipients}}],"intent":"preview"}"""), Cancel);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull((await ReadJsonAsync(response))!["errors"]!["recipients"]);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_415(string mediaType)
    {
        var client = await Factory.SignInAsync(NewTenant());
        using var response = await client.PostAsync("/api/v1/assessments", Json("""{"recipients":["a@b.test"],"intent":"preview"}""", mediaType), Cancel);
        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    // Bodies over 64 KiB: Kestrel enforces the limit, the TestServer does not (BodyLimitOnKestrelTests).

    [Theory]
    [InlineData("""{"failMode":"sometimes","defaultRule":{"requiredLevel":"encrypted","action":"warn"},"forcedTls":[],"internalDomains":{"manual":[]},"audit":{"storeRecipientAddresses":false,"retentionDays":90}}""")]
    [InlineData("""{"failMode":"open","defaultRule":{"requiredLevel":"encrypted","action":"warn"},"forcedTls":[],"internalDomains":{"manual":[]}}""")]
    [InlineData("""{"failMode":"open","defaultRule":{"requiredLevel":"encrypted","action":"warn","extra":1},"forcedTls":[],"internalDomains":{"manual":[]},"audit":{"storeRecipientAddresses":false,"retentionDays":90}}""")]
    [InlineData("""{"failMode":"open","defaultRule":{"requiredLevel":"encrypted","action":"warn"},"forcedTls":[null],"internalDomains":{"manual":[]},"audit":{"storeRecipientAddresses":false,"retentionDays":90}}""")]
    [InlineData("""{"failMode":"open","defaultRule":null,"forcedTls":[],"internalDomains":{"manual":[]},"audit":{"storeRecipientAddresses":false,"retentionDays":90}}""")]
    [InlineData("""{"failMode":"open","defaultRule":{"requiredLevel":"encrypted","action":"warn"},"forcedTls":[{"pattern":null,"requiredLevel":"verified","action":"block"}],"internalDomains":{"manual":[]},"audit":{"storeRecipientAddresses":false,"retentionDays":90}}""")]
    [InlineData("""{"failMode":"open","defaultRule":{"requiredLevel":"encrypted","action":"warn"},"forcedTls":[],"internalDomains":{"manual":[]},"audit":{"storeRecipientAddresses":false,"retentionDays":1e99}}""")]
    public async Task A_malformed_policy_body_is_a_400_problem(string body)
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        using var response = await PutPolicyAsync(admin, body, "\"0\"");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_bad_refresh_flag_is_a_400_problem()
    {
        var client = await Factory.SignInAsync(NewTenant());
        using var response = await client.GetAsync("/api/v1/domains/example.test?refresh=maybe", Cancel);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_development_token_request_without_tenant_is_a_validation_problem()
    {
        using var response = await Factory.CreateClient().PostAsync("/dev/token", Json("""{"tenantId":"","userId":"u"}"""), Cancel);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}

public sealed class BadInputOnSqlite(SqliteApiFactory factory) : BadInputSuite(factory), IClassFixture<SqliteApiFactory>;

public sealed class BadInputOnPostgres(PostgresApiFactory factory) : BadInputSuite(factory), IClassFixture<PostgresApiFactory>;
