using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>Clients signed in the way the add-in is in development: a bearer token from `POST /dev/token`.</summary>
public static class DevelopmentTokens
{
    public static async Task<HttpClient> CreateSignedInClientAsync(
        this WebApplicationFactory<Program> factory, string tenantId, string userId, bool admin, string? name = null)
    {
        var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/dev/token",
            new { tenantId, userId, name = name ?? $"{userId}@{tenantId}.example", roles = admin ? new[] { "TlsPreflight.Admin" } : [] },
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenAnswer>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private sealed record TokenAnswer(string AccessToken, int ExpiresIn);
}
