using System.Net;

namespace TlsPreflight.Api.Identity;

/// <summary>The development sign-in (`/dev/token`, `/admin/signin`) hands out any tenant's admin rights, so it
/// answers on loopback only: a Development service bound elsewhere refuses to start, and a request from another
/// address (also through a proxy, X-Forwarded-For) gets 404.</summary>
public static class LoopbackSignIn
{
    public static readonly PathString[] Paths = ["/dev/token", "/admin/signin"];

    /// <summary>Start-up check; the one-line reason names the address.</summary>
    public static void RequireLoopbackBinding(IConfiguration configuration)
    {
        // HTTP_PORTS/HTTPS_PORTS (ASPNETCORE_HTTP_PORTS, set by the .NET container images) bind every interface.
        var ports = new[] { ("http_ports", "http"), ("https_ports", "https") }
            .SelectMany(p => (configuration[p.Item1] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(port => $"{p.Item2}://*:{port}"));
        var urls = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>())
            .Concat(ports);
        foreach (var url in urls)
        {
            if (!IsLoopbackUrl(url))
            {
                throw new InvalidOperationException(
                    $"DevelopmentSignIn:Enabled is true and the service listens on {url}: development sign-in hands out any tenant's admin rights, so bind to localhost/127.0.0.1/[::1] or turn it off.");
            }
        }
    }

    public static bool IsLoopbackUrl(string url)
    {
        // Kestrel's wildcards (*, +) are not valid URI hosts: read the host by hand.
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var host = rest.StartsWith('[') ? rest[..(rest.IndexOf(']') + 1)] : rest.Split(':', '/')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>Refuses the development sign-in paths to callers that are not on this machine.</summary>
    public static void UseLoopbackOnlySignIn(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // Null: an in-process (test) server or a Unix socket, both local.
            var remote = context.Connection.RemoteIpAddress;
            if (remote != null && !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
                && Paths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }
}
