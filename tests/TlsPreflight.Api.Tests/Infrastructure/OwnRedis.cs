using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>A redis-server of the test's own on a free loopback port, so the test can stop it (by PID) and start it again.</summary>
public sealed class OwnRedis : IAsyncDisposable
{
    private Process? process;

    private OwnRedis(int port) => Port = port;

    public int Port { get; }

    public string Address => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static async Task<OwnRedis> StartAsync(CancellationToken cancellationToken)
    {
        var redis = new OwnRedis(FreePort());
        await redis.StartAgainAsync(cancellationToken);
        return redis;
    }

    /// <summary>Starts the server on the same port and waits until it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, deadline.Token);
            }
        }
    }

    /// <summary>Kills the server by its PID and waits for it to be gone.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
