using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using TlsPreflight.Prober.Hosting;
using TlsPreflight.Prober.Tests.Infrastructure;

namespace TlsPreflight.Prober.Tests.Agent;

/// <summary>The prober on a real loopback port (the same host `dotnet run` starts) against the lab.</summary>
public sealed class ProberEndpointTests(LabFixture fixture) : IClassFixture<LabFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_anonymous_call_is_refused_with_a_401_problem_and_no_probe()
    {
        await using var agent = await RunningAgent.StartAsync(fixture.Lab);
        using var http = new HttpClient();

        using var response = await http.PostAsJsonAsync(new Uri(agent.Url, "v1/assessments"), new { domains = new[] { "plaintext.lab.test" } }, Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.DoesNotContain("\"level\"", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_a_401_problem()
    {
        await using var agent = await RunningAgent.StartAsync(fixture.Lab);

        using var response = await PostAsync(agent, "not-" + RunningAgent.Key, """{"domains":["plaintext.lab.test"]}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_configured_key_is_accepted_so_a_key_can_be_rotated_without_downtime()
    {
        await using var agent = await RunningAgent.StartAsync(fixture.Lab, RunningAgent.Key, RunningAgent.NextKey);

        using var old = await PostAsync(agent, RunningAgent.Key, """{"domains":["nullmx.lab.test"]}""");
        using var next = await PostAsync(agent, RunningAgent.NextKey, """{"domains":["nullmx.lab.test"]}""");
        using var retired = await PostAsync(agent, RunningAgent.Key[..^1], """{"domains":["nullmx.lab.test"]}""");

        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, retired.StatusCode);
    }

    [Fact]
    public async Task A_batch_with_the_key_gets_every_lab_domain_at_its_level_in_the_engines_json()
    {
        await using var agent = await RunningAgent.StartAsync(fixture.Lab);
        var domains = fixture.Lab.ExpectedLevels.Keys.Order(StringComparer.Ordinal).ToArray();

        using var response = await PostAsync(agent, RunningAgent.Key, new JsonObject { ["domains"] = new JsonArray([.. domains.Select(d => JsonValue.Create("x@" + d))]) }.ToJsonString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var levels = body["domains"]!.AsArray().ToDictionary(d => (string)d!["domain"]!, d => (string)d!["level"]!);
        Assert.Equal(fixture.Lab.ExpectedLevels.OrderBy(e => e.Key, StringComparer.Ordinal), levels.OrderBy(e => e.Key, StringComparer.Ordinal));
        var sts = body["domains"]!.AsArray().Single(d => (string)d!["domain"]! == "sts.lab.test")!;
        Assert.Equal("completed", (string)sts["mxHosts"]![0]!["probes"]![0]!["outcome"]!);
        Assert.Equal("enforce", (string)sts["mtaSts"]!["mode"]!);
    }

    [Theory]
    [InlineData("""{"domains":[]}""", "at least one domain")]
    [InlineData("""{"domains":["not a domain!"]}""", "")]
    [InlineData("""{"domains":["a.test"],"extra":1}""", "The body must be")]
    [InlineData("""{"domains":""", "The body must be")]
    [InlineData("""{"domains":["a.test"],"tenant":"ttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttttt"}""", "at most 128")]
    public async Task Bad_input_is_a_400_problem_before_any_probe(string body, string detail)
    {
        await using var agent = await RunningAgent.StartAsync(fixture.Lab);

        using var response = await PostAsync(agent, RunningAgent.Key, body);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (string)problem["detail"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_field_is_named_as_the_api_names_it_before_the_shape_the_agent_expects()
    {
        await using var agent = await RunningAgent.StartAsync(fixture.Lab);

        using var response = await PostAsync(agent, RunningAgent.Key, """{"domains":["a.test"],"extra":1}""");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Unknown field at $.extra. The body must be {\"domains\": [\"example.com\", …]}.", (string)problem["detail"]!);
    }

    [Fact]
    public async Task A_batch_over_the_domain_limit_is_a_400_problem()
    {
        await using var agent = await RunningAgent.StartAsync(fixture.Lab); // Prober:MaxDomainsPerBatch=20
        var domains = Enumerable.Range(0, 21).Select(i => $"\"d{i}.lab.test\"");

        using var response = await PostAsync(agent, RunningAgent.Key, $$"""{"domains":[{{string.Join(",", domains)}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("At most 20 domains", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_a_413_problem()
    {
        await using var agent = await RunningAgent.StartAsync(fixture.Lab);
        var huge = $$"""{"domains":["{{new string('a', 70 * 1024)}}.test"]}""";

        using var response = await PostAsync(agent, RunningAgent.Key, huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_prober_without_keys_refuses_to_start()
    {
        var app = ProberHost.Create(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=None"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Cancel));

        Assert.Contains("Prober:Keys is empty", error.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_short_key_is_refused_at_start_up()
    {
        var app = ProberHost.Create(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=None", "--Prober:Keys:0=secret"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Cancel));

        Assert.Contains("at least 32 characters", error.Message, StringComparison.Ordinal);
        await app.DisposeAsync();
    }

    private static async Task<HttpResponseMessage> PostAsync(RunningAgent agent, string key, string json)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(agent.Url, "v1/assessments"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.SendAsync(request, Cancel);
    }
}
