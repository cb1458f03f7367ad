using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>Helpers shared by the functional suites. Each test uses its own tenant, so tests sharing a database stay apart.</summary>
public abstract class FunctionalTest(ApiFactory factory)
{
    protected ApiFactory Factory { get; } = factory;

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected static string NewTenant() => Guid.NewGuid().ToString();

    /// <summary>A domain nobody else uses, whose first label sets the scripted level.</summary>
    protected static string Domain(string level) => $"{level}.{Guid.NewGuid():N}.test";

    protected static async Task<(HttpStatusCode Status, JsonNode? Body)> AssessAsync(HttpClient client, string intent, params string[] recipients)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/assessments", new { recipients, intent }, Cancel);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    protected static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    protected static StringContent Json(string json, string mediaType = "application/json") => new(json, Encoding.UTF8, mediaType);

    /// <summary>PUTs a policy as JSON text with If-Match.</summary>
    protected static async Task<HttpResponseMessage> PutPolicyAsync(HttpClient client, string policyJson, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/v1/policy") { Content = Json(policyJson) };
        if (ifMatch != null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Cancel);
    }

    /// <summary>Saves a policy for the admin's tenant on top of the current version, asserting success.</summary>
    protected static async Task SavePolicyAsync(HttpClient admin, string policyJson)
    {
        using var current = await admin.GetAsync("/api/v1/policy", Cancel);
        using var saved = await PutPolicyAsync(admin, policyJson, current.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    protected static string Policy(string failMode = "open", string defaultLevel = "encrypted", string defaultAction = "warn",
        string forcedTls = "", string internalDomains = "", bool storeRecipients = false)
        => $$$"""
           {"failMode":"{{{failMode}}}","defaultRule":{"requiredLevel":"{{{defaultLevel}}}","action":"{{{defaultAction}}}"},
            "forcedTls":[{{{forcedTls}}}],"internalDomains":{"manual":[{{{internalDomains}}}]},
            "audit":{"storeRecipientAddresses":{{{(storeRecipients ? "true" : "false")}}},"retentionDays":90}}
           """;

    protected static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadJsonAsync(response);
        Assert.Equal((int)status, (int)problem!["status"]!);
    }
}
