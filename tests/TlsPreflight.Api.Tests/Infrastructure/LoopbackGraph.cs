using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>A real HTTP server on loopback answering like Microsoft Graph, so the real Graph SDK is exercised.
/// `GET /v1.0/domains` lists one verified and one unverified domain, then (through @odata.nextLink, as Graph pages) a
/// second page with one more verified domain; the sensitivity labels come in two pages the same way.</summary>
public sealed class LoopbackGraph : IAsyncDisposable
{
    public const string VerifiedDomain = "contoso-directory.example";
    public const string UnverifiedDomain = "pending-directory.example";
    public const string SecondPageDomain = "fabrikam-directory.example";

    public static readonly (Guid Id, string Name) FirstPageLabel = (Guid.Parse("3f1c2b7e-0000-4000-8000-00000000a001"), "Confidential - Encrypted");
    public static readonly (Guid Id, string Name) SecondPageLabel = (Guid.Parse("3f1c2b7e-0000-4000-8000-00000000a002"), "Highly Confidential");

    private readonly ConcurrentQueue<string> requests = new();
    private LoopbackKestrel server = null!;

    public string BaseUrl => server.BaseUrl + "/v1.0";

    public IReadOnlyCollection<string> Requests => requests;

    /// <summary>A Graph base URL whose `/domains` never stops paging.</summary>
    public string EndlessBaseUrl => server.BaseUrl + "/endless/v1.0";

    public static async Task<LoopbackGraph> StartAsync(CancellationToken cancellationToken)
    {
        var graph = new LoopbackGraph();
        graph.server = await LoopbackKestrel.StartAsync(graph.Map, cancellationToken);
        return graph;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/v1.0/domains", (HttpRequest request) =>
        {
            requests.Enqueue(request.Path + request.QueryString);
            if (request.Query["$skiptoken"] == "2")
            {
                return Results.Text(
                    $$"""{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#domains","value":[{"id":"{{SecondPageDomain}}","isVerified":true}]}""",
                    "application/json");
            }
            return Results.Text(
                $$"""{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#domains","@odata.nextLink":"{{BaseUrl}}/domains?$skiptoken=2","value":[{"id":"{{VerifiedDomain}}","isVerified":true,"isDefault":true},{"id":"{{UnverifiedDomain}}","isVerified":false}]}""",
                "application/json");
        });
        app.MapGet("/v1.0/security/dataSecurityAndGovernance/sensitivityLabels", (HttpRequest request) =>
        {
            requests.Enqueue(request.Path + request.QueryString);
            return request.Query["$skiptoken"] == "2"
                ? Results.Text($$"""{"value":[{"id":"{{SecondPageLabel.Id}}","name":"{{SecondPageLabel.Name}}"}]}""", "application/json")
                : Results.Text(
                    $$"""{"@odata.nextLink":"{{BaseUrl}}/security/dataSecurityAndGovernance/sensitivityLabels?$skiptoken=2","value":[{"id":"{{FirstPageLabel.Id}}","name":"{{FirstPageLabel.Name}}"},{"id":"not-a-guid","name":"Ignored"}]}""",
                    "application/json");
        });
        // A server whose every page links to another one: the reader must stop on its own.
        app.MapGet("/endless/v1.0/domains", (HttpRequest request) =>
        {
            requests.Enqueue(request.Path + request.QueryString);
            var page = int.TryParse(request.Query["$skiptoken"], out var n) ? n : 1;
            return Results.Text(
                $$"""{"@odata.nextLink":"{{EndlessBaseUrl}}/domains?$skiptoken={{page + 1}}","value":[{"id":"page{{page}}.endless.example","isVerified":true}]}""",
                "application/json");
        });
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
