using System.Net;
using System.Net.Sockets;
using TlsPreflight.TestLab.Network;

namespace TlsPreflight.Probing.Tests.Lab;

public sealed class AcceptLoopTests
{
    [Fact]
    public async Task The_lab_s_accept_loop_serves_and_counts_every_connection_and_cancels_its_handlers_on_dispose()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var served = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var loop = new AcceptLoop(listener, async (socket, token) =>
        {
            using var _ = socket;
            served.TrySetResult(token);
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
        });

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, loop.LocalEndPoint.Port, TestContext.Current.CancellationToken);
        var token = await served.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, loop.ConnectionCount);
        Assert.False(token.IsCancellationRequested);
        await loop.DisposeAsync();
        Assert.True(token.IsCancellationRequested);
    }
}
