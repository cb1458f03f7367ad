using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TlsPreflight.TestLab.Network;

/// <summary>A plain-HTTP listener on 127.0.0.1 that counts every connection and answers each request with 404:
/// the target of the AIA, CRL and OCSP URLs in a hostile certificate. A prober that never downloads anything
/// the far side names leaves <see cref="ConnectionCount"/> at 0.</summary>
public sealed class CountingListener : IAsyncDisposable
{
    private static readonly byte[] NotFound = Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    private readonly AcceptLoop connections;

    private CountingListener()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(backlog: 16);
        connections = new AcceptLoop(listener, AnswerAsync);
    }

    public static CountingListener Start() => new();

    public int ConnectionCount => connections.ConnectionCount;

    /// <summary>"http://127.0.0.1:port": a base for URLs that lead here.</summary>
    public string BaseUrl => $"http://127.0.0.1:{connections.LocalEndPoint.Port}";

    private static async Task AnswerAsync(Socket socket, CancellationToken token)
    {
        using var _ = socket;
        try
        {
            await socket.ReceiveAsync(new byte[4096], token);
            await socket.SendAsync(NotFound, token);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // the client went away or the lab is stopping
        }
    }

    public ValueTask DisposeAsync() => connections.DisposeAsync();
}
