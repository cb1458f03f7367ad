using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>A real HTTP server on loopback answering `GET /v1.0/domains` like Microsoft Graph, so the real
/// Graph SDK is exercised. Lists one verified and one unverified domain, then (through @odata.nextLink, as Graph
/// pages) a second page with one more verified domain.</summary>
public sealed class LoopbackGraph : IAsyncDisposable
{
    public const string VerifiedDomain = "contoso-directory.example";
    public const string UnverifiedDomain = "pending-directory.example";
    public const string SecondPageDomain = "fabrikam-directory.example";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<string> requests = new();

    private LoopbackGraph(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyCollection<string> Requests => requests;

    /// <summary>A Graph base URL whose `/domains` never stops paging.</summary>
    public string EndlessBaseUrl => BaseUrl.Replace("/v1.0", "/endless/v1.0", StringComparison.Ordinal);

    public static async Task<LoopbackGraph> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var graph = new LoopbackGraph(app);
        app.MapGet("/v1.0/domains", (HttpRequest request) =>
        {
            graph.requests.Enqueue(request.Path + request.QueryString);
            if (request.Query["$skiptoken"] == "2")
            {
                return Results.Text(
                    $$"""{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#domains","value":[{"id":"{{SecondPageDomain}}","isVerified":true}]}""",
                    "application/json");
            }
            return Results.Text(
                $$"""{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#domains","@odata.nextLink":"{{graph.BaseUrl}}/domains?$skiptoken=2","value":[{"id":"{{VerifiedDomain}}","isVerified":true,"isDefault":true},{"id":"{{UnverifiedDomain}}","isVerified":false}]}""",
                "application/json");
        });
        // A server whose every page links to another one: the reader must stop on its own.
        app.MapGet("/endless/v1.0/domains", (HttpRequest request) =>
        {
            graph.requests.Enqueue(request.Path + request.QueryString);
            var page = int.TryParse(request.Query["$skiptoken"], out var n) ? n : 1;
            return Results.Text(
                $$"""{"@odata.nextLink":"{{graph.EndlessBaseUrl}}/domains?$skiptoken={{page + 1}}","value":[{"id":"page{{page}}.endless.example","isVerified":true}]}""",
                "application/json");
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        graph.BaseUrl = address + "/v1.0";
        return graph;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
