using System.Net;
using System.Text;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Functional;

/// <summary>The API on real Kestrel (the TestServer enforces no body size): a body over 64 KiB is a 413 problem,
/// declared or chunked, on every API endpoint that reads one.</summary>
public sealed class BodyLimitOnKestrelTests(KestrelApiFactory factory) : FunctionalTest(factory), IClassFixture<KestrelApiFactory>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "/api/v1/assessments" },
        { "PUT", "/api/v1/policy" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_chunked_body_over_64_KiB_is_a_413_problem_on_kestrel(string method, string path)
    {
        var client = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        // White space first: nothing is wrong with the body until the limit is past, so only the limit can answer.
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 70 * 1024) + "{}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");

        using var response = await client.SendAsync(request, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_declared_body_over_64_KiB_is_a_413_problem_on_kestrel()
    {
        var client = await Factory.SignInAsync(NewTenant());

        using var response = await client.PostAsync("/api/v1/assessments", Json("{\"recipients\":[\"" + new string('a', 70 * 1024) + "@b.test\"],\"intent\":\"preview\"}"), Cancel);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_chunked_body_under_the_limit_is_read()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("""{"recipients":["x@encrypted.chunked.test"],"intent":"preview"}""")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assessments") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
