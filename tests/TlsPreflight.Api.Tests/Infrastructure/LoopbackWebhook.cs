using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>A real HTTP server on loopback that records every POST body it is sent (a webhook receiver). Answers 503 to
/// the first <see cref="FailFirst"/> requests, so a test can see the sender retry.</summary>
public sealed class LoopbackWebhook : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, string Body)> posts = new();
    private LoopbackKestrel server = null!;
    private int requests;

    public string BaseUrl => server.BaseUrl;

    public int FailFirst { get; set; }

    /// <summary>POSTs answered 200, in arrival order.</summary>
    public IReadOnlyList<(string Path, string Body)> Accepted => [.. posts];

    public int Requests => Volatile.Read(ref requests);

    public static async Task<LoopbackWebhook> StartAsync(CancellationToken cancellationToken)
    {
        var hook = new LoopbackWebhook();
        hook.server = await LoopbackKestrel.StartAsync(app => app.MapPost("/{**path}", async (HttpRequest request) =>
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
        }), cancellationToken);
        return hook;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
