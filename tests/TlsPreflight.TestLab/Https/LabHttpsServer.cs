using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TlsPreflight.TestLab.Network;

namespace TlsPreflight.TestLab.Https;

/// <summary>A minimal HTTPS/1.1 server (TcpListener + SslStream) for MTA-STS policy hosts (`mta-sts.{domain}`).
/// Hosts are chosen by SNI, each with its own certificate and response, so one server and port can stand in
/// for many domains. Only GET /.well-known/mta-sts.txt is served; anything else is 404.</summary>
public sealed class LabHttpsServer : IAsyncDisposable
{
    public const string PolicyPath = "/.well-known/mta-sts.txt";
    private readonly AcceptLoop connections;
    private readonly ConcurrentDictionary<string, (SslStreamCertificateContext Certificate, LabHttpResponse Response)> hosts = new(StringComparer.OrdinalIgnoreCase);
    private int requestCount;

    public IPAddress Address => connections.LocalEndPoint.Address;
    public int Port => connections.LocalEndPoint.Port;
    public int ConnectionCount => connections.ConnectionCount;
    public int RequestCount => Volatile.Read(ref requestCount);

    private LabHttpsServer(TcpListener listener)
    {
        connections = new AcceptLoop(listener, ServeAsync);
    }

    /// <summary>Start on <paramref name="address"/> (default: a fresh 127.x.y.z) at <paramref name="port"/> (0: any free port).</summary>
    public static LabHttpsServer Start(int port = 0, IPAddress? address = null)
        => new(LoopbackAddresses.Listen(port, address));

    /// <summary>Serve <paramref name="response"/> to clients asking for <paramref name="host"/> (by SNI).</summary>
    /// <param name="chain">Certificates sent after the leaf.</param>
    public LabHttpsServer Route(string host, X509Certificate2 certificate, LabHttpResponse response, IEnumerable<X509Certificate2>? chain = null)
    {
        var context = SslStreamCertificateContext.Create(certificate, new X509Certificate2Collection(chain?.ToArray() ?? []), offline: true);
        hosts[host] = (context, response);
        return this;
    }

    /// <summary>Change the response of a host already routed.</summary>
    public void Respond(string host, LabHttpResponse response) => hosts[host] = (hosts[host].Certificate, response);

    private async Task ServeAsync(Socket socket, CancellationToken token)
    {
        using var _ = socket;
        await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        try
        {
            string? sni = null;
            await tls.AuthenticateAsServerAsync((_, hello, _, _) =>
            {
                sni = hello.ServerName;
                var route = hosts.TryGetValue(hello.ServerName ?? "", out var found) ? found : hosts.Values.First();
                return ValueTask.FromResult(new SslServerAuthenticationOptions { ServerCertificateContext = route.Certificate });
            }, null, token);
            var requestLine = await ReadHeadAsync(tls, token);
            Interlocked.Increment(ref requestCount);
            var path = requestLine?.Split(' ') is [_, var p, ..] ? p : "";
            var response = path == PolicyPath && hosts.TryGetValue(sni ?? "", out var route)
                ? route.Response
                : new LabHttpResponse(404, "not found\n");
            if (response.Delay > TimeSpan.Zero)
                await Task.Delay(response.Delay, token);
            await WriteAsync(tls, response, token);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or AuthenticationException or ObjectDisposedException or InvalidOperationException)
        {
            // client went away, rejected our certificate, or the lab is stopping
        }
    }

    private static async Task<string?> ReadHeadAsync(Stream stream, CancellationToken token)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (head.Length < 16 * 1024)
        {
            if (await stream.ReadAsync(buffer, token) == 0)
                break;
            head.Append((char)buffer[0]);
            if (head.Length >= 4 && head.ToString(head.Length - 4, 4) == "\r\n\r\n")
                break;
        }
        return head.ToString().Split("\r\n")[0];
    }

    private static async Task WriteAsync(Stream stream, LabHttpResponse response, CancellationToken token)
    {
        var body = Encoding.UTF8.GetBytes(response.Body);
        var head = new StringBuilder()
            .Append($"HTTP/1.1 {response.Status} Lab\r\n")
            .Append($"Content-Type: {response.ContentType}\r\n")
            .Append($"Content-Length: {body.Length}\r\n")
            .Append("Connection: close\r\n");
        if (response.Location is not null)
            head.Append($"Location: {response.Location}\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), token);
        await stream.WriteAsync(body, token);
        await stream.FlushAsync(token);
    }

    public async ValueTask DisposeAsync()
    {
        await connections.DisposeAsync();
    }
}
