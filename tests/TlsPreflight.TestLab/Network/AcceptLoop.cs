using System.Net;
using System.Net.Sockets;

namespace TlsPreflight.TestLab.Network;

/// <summary>The one accept loop of the lab's TCP servers (HTTPS policy server, SMTP servers): accepts until disposed,
/// counts every connection, and serves each on its own task with a token that is cancelled on dispose.</summary>
public sealed class AcceptLoop : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly Func<Socket, CancellationToken, Task> serve;
    private readonly Action<Socket>? accepted;
    private readonly Task loop;
    private int connectionCount;

    /// <param name="accepted">Runs on the loop before the connection is served (e.g. to count open connections).</param>
    public AcceptLoop(TcpListener listener, Func<Socket, CancellationToken, Task> serve, Action<Socket>? accepted = null)
    {
        this.listener = listener;
        this.serve = serve;
        this.accepted = accepted;
        loop = RunAsync();
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)listener.LocalEndpoint;

    /// <summary>Connections accepted so far (tests prove "nothing connected" with 0).</summary>
    public int ConnectionCount => Volatile.Read(ref connectionCount);

    private async Task RunAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref connectionCount);
            accepted?.Invoke(socket);
            var token = stopping.Token;
            _ = Task.Run(() => serve(socket, token), CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await loop;
        // The token source is not disposed: connection handlers may still be reading its token.
    }
}
