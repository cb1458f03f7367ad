using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>The one way a test starts a stand-in HTTP server (Graph, a webhook receiver, an OTLP collector): real Kestrel
/// on 127.0.0.1 at a free port, no logging, the endpoints <c>map</c> adds.</summary>
public sealed class LoopbackKestrel : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackKestrel(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>`http://127.0.0.1:port`, no trailing slash.</summary>
    public string BaseUrl { get; }

    public static async Task<LoopbackKestrel> StartAsync(Action<WebApplication> map, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackKestrel(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
