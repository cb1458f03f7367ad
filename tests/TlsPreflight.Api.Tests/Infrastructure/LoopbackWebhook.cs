using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>A real HTTP server on loopback that records every POST body it is sent (a webhook receiver). Answers 503 to
/// the first <see cref="FailFirst"/> requests, so a test can see the sender retry.</summary>
public sealed class LoopbackWebhook : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Path, string Body)> posts = new();
    private int requests;

    private LoopbackWebhook(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = "";

    public int FailFirst { get; set; }

    /// <summary>POSTs answered 200, in arrival order.</summary>
    public IReadOnlyList<(string Path, string Body)> Accepted => [.. posts];

    public int Requests => Volatile.Read(ref requests);

    public static async Task<LoopbackWebhook> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var hook = new LoopbackWebhook(app);
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            var n = Interlocked.Increment(ref hook.requests);
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            if (n <= hook.FailFirst)
            {
                return Results.StatusCode(503);
            }

            hook.posts.Enqueue((request.Path.Value ?? "", body));
            return Results.Ok();
        });
        await app.StartAsync(cancellationToken);
        hook.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return hook;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
