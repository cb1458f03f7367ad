using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Telemetry;

/// <summary>A loopback OTLP/HTTP collector: Kestrel on 127.0.0.1 keeping the protobuf bodies POSTed to
/// /v1/traces, /v1/metrics and /v1/logs, answering 200 (an empty export response).</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> requests = new();
    private LoopbackKestrel server = null!;

    /// <summary>The base URL for `OTEL_EXPORTER_OTLP_ENDPOINT`.</summary>
    public string Endpoint => server.BaseUrl;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        receiver.server = await LoopbackKestrel.StartAsync(app => app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver.requests.Enqueue((context.Request.Path.Value ?? "", body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        }), CancellationToken.None);
        return receiver;
    }

    /// <summary>Everything received on one signal's path.</summary>
    public IEnumerable<string> Paths => requests.Select(r => r.Path);

    public IReadOnlyList<byte[]> Bodies(string path) => [.. requests.Where(r => r.Path == path).Select(r => r.Body)];

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
