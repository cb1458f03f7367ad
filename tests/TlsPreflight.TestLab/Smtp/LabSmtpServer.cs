using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using TlsPreflight.TestLab.Network;

namespace TlsPreflight.TestLab.Smtp;

/// <summary>A real SMTP server on its own 127.x.y.z address. Written on TcpListener + SslStream rather than the
/// SmtpServer package because the tests must control every byte: the banner, whether STARTTLS is advertised,
/// the handshake (stalled, cut), and hostile replies that no well-behaved server library would send.
/// Reads one byte at a time so that nothing after STARTTLS is consumed before the handshake (RFC 3207 §4).</summary>
public sealed class LabSmtpServer : IAsyncDisposable
{
    private const int MaxCommandLine = 4096;
    private readonly AcceptLoop connections;
    private readonly SslStreamCertificateContext? certificateContext;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> commands = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Socket, byte> live = new();
    private int maxOpenConnections;

    public SmtpBehaviour Behaviour { get; }
    public string HostName { get; }
    public SslProtocols Protocols { get; }

    /// <summary>Cipher suites the TLS server accepts; null lets the OS choose.</summary>
    public CipherSuitesPolicy? CipherSuites { get; }
    public IPAddress Address => connections.LocalEndPoint.Address;
    public int Port => connections.LocalEndPoint.Port;

    /// <summary>Connections accepted so far (tests prove "nothing connected" with 0).</summary>
    public int ConnectionCount => connections.ConnectionCount;

    /// <summary>The most connections open at the same time, counted at each accept from the kernel's view
    /// (a connection the client has already closed does not count, even if our handler has not finished).</summary>
    public int MaxConcurrentConnections => Volatile.Read(ref maxOpenConnections);

    /// <summary>Every command line received, over all connections, in arrival order (TLS ones prefixed "tls: ").</summary>
    public IReadOnlyList<string> Commands => [.. commands];

    private LabSmtpServer(TcpListener listener, SmtpBehaviour behaviour, string hostName, X509Certificate2? certificate,
        IEnumerable<X509Certificate2>? chain, SslProtocols protocols, CipherSuitesPolicy? cipherSuites)
    {
        CipherSuites = cipherSuites;
        Behaviour = behaviour;
        HostName = hostName;
        Protocols = protocols;
        if (certificate is not null)
            certificateContext = SslStreamCertificateContext.Create(certificate, new X509Certificate2Collection(chain?.ToArray() ?? []), offline: true);
        connections = new AcceptLoop(listener, ServeAsync, Accepted);
    }

    /// <summary>Start on <paramref name="address"/> (default: a fresh 127.x.y.z) at <paramref name="port"/>.</summary>
    /// <param name="certificate">Leaf with private key; needed for STARTTLS behaviours.</param>
    /// <param name="chain">Certificates sent after the leaf (e.g. the lab root, so DANE-TA can match it).</param>
    /// <param name="protocols">TLS versions offered; None lets the OS choose (TLS 1.2 and 1.3).</param>
    /// <param name="cipherSuites">Cipher suites accepted (Linux/macOS); null lets the OS choose.</param>
    public static LabSmtpServer Start(SmtpBehaviour behaviour, int port, string hostName = "mx.lab.test",
        X509Certificate2? certificate = null, IEnumerable<X509Certificate2>? chain = null,
        SslProtocols protocols = SslProtocols.None, IPAddress? address = null, CipherSuitesPolicy? cipherSuites = null)
    {
        var needsTls = behaviour is SmtpBehaviour.StartTls;
        if (needsTls && certificate is null)
            throw new ArgumentException("STARTTLS needs a certificate", nameof(certificate));
        return new LabSmtpServer(LoopbackAddresses.Listen(port, address), behaviour, hostName, certificate, chain, protocols, cipherSuites);
    }

    /// <summary>Counts the connections open at this accept, from the kernel's view.</summary>
    private void Accepted(Socket socket)
    {
        var open = 1 + live.Keys.Count(other => !PeerClosed(other));
        for (var seen = maxOpenConnections; open > seen; seen = maxOpenConnections)
            Interlocked.CompareExchange(ref maxOpenConnections, open, seen);
        live[socket] = 0;
    }

    private async Task ServeAsync(Socket socket, CancellationToken token)
    {
        using var connection = socket;
        // Each reply goes out when written. With Nagle on, a reply written while the TLS 1.3 session tickets were
        // still unacknowledged waited for the client's delayed ACK: ~40 ms in many runs of bench/engine.sh.
        socket.NoDelay = true;
        await using var network = new NetworkStream(socket, ownsSocket: false);
        try
        {
            await (Behaviour switch
            {
                SmtpBehaviour.NoBanner => DrainAsync(network, token),
                SmtpBehaviour.DripBanner => DripThenTalkAsync(network, token),
                SmtpBehaviour.Reject421AtConnect => WriteAsync(network, "421 4.7.0 lab: too many connections, try again later\r\n", token),
                SmtpBehaviour.Garbage => GarbageAsync(network, token),
                SmtpBehaviour.HugeLine => WriteAsync(network, "220 " + new string('x', 1024 * 1024) + "\r\n", token),
                SmtpBehaviour.EndlessMultilineReply => EndlessAsync(network, token),
                _ => TalkAsync(network, token),
            });
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or AuthenticationException)
        {
            // the prober hung up or the lab is stopping: nothing to report
        }
        finally
        {
            live.TryRemove(socket, out _);
        }
    }

    /// <summary>The client has sent FIN: readable with nothing to read (on loopback this is visible at once).</summary>
    private static bool PeerClosed(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return true;
        }
    }

    private async Task DripThenTalkAsync(Stream stream, CancellationToken token)
    {
        foreach (var b in Encoding.ASCII.GetBytes($"220 {HostName} ESMTP slow lab\r\n"))
        {
            await stream.WriteAsync(new[] { b }, token);
            await Task.Delay(TimeSpan.FromSeconds(1), token);
        }
        await DialogueAsync(stream, token);
    }

    private async Task TalkAsync(Stream stream, CancellationToken token)
    {
        // A multi-line banner (RFC 5321 §4.2.1) so probers must read continuation lines.
        await WriteAsync(stream, $"220-{HostName} ESMTP TLS Preflight lab\r\n220 no UCE\r\n", token);
        await DialogueAsync(stream, token);
    }

    private async Task DialogueAsync(Stream stream, CancellationToken token)
    {
        var inTls = false;
        var offersTls = Behaviour is not (SmtpBehaviour.Plaintext or SmtpBehaviour.HeloOnly);
        while (await ReadLineAsync(stream, token) is { } line)
        {
            commands.Enqueue(inTls ? "tls: " + line : line);
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" when Behaviour is SmtpBehaviour.HeloOnly:
                    await WriteAsync(stream, "502 5.5.2 EHLO not implemented\r\n", token);
                    break;
                case "EHLO":
                    var tlsLine = offersTls && !inTls ? "250-STARTTLS\r\n" : "";
                    await WriteAsync(stream, $"250-{HostName} hello\r\n{tlsLine}250-PIPELINING\r\n250 8BITMIME\r\n", token);
                    break;
                case "HELO" or "NOOP" or "RSET":
                    await WriteAsync(stream, "250 2.0.0 OK\r\n", token);
                    break;
                case "QUIT":
                    await WriteAsync(stream, "221 2.0.0 bye\r\n", token);
                    return;
                case "STARTTLS" when !offersTls || inTls:
                    await WriteAsync(stream, "503 5.5.1 STARTTLS not available now\r\n", token);
                    break;
                case "STARTTLS" when Behaviour is SmtpBehaviour.StartTlsRefused:
                    await WriteAsync(stream, "454 4.7.0 TLS not available due to temporary reason\r\n", token);
                    break;
                case "STARTTLS":
                    await WriteAsync(stream, "220 2.0.0 Ready to start TLS\r\n", token);
                    if (Behaviour is SmtpBehaviour.StallHandshake)
                    {
                        await Task.Delay(Timeout.Infinite, token);
                        return;
                    }
                    if (Behaviour is SmtpBehaviour.Tls10Only or SmtpBehaviour.ProtocolVersionAlert or SmtpBehaviour.NoSharedCipherAlert)
                    {
                        await (Behaviour switch
                        {
                            SmtpBehaviour.Tls10Only => FakeTlsServer.Tls10ServerHelloAsync(stream, token),
                            SmtpBehaviour.ProtocolVersionAlert => FakeTlsServer.AlertAsync(stream, 70, token),
                            _ => FakeTlsServer.AlertAsync(stream, 40, token),
                        });
                        return;
                    }
                    if (Behaviour is SmtpBehaviour.CloseMidHandshake)
                    {
                        _ = await stream.ReadAsync(new byte[512], token); // part of the ClientHello is enough
                        return;
                    }
                    var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                    {
                        ServerCertificateContext = certificateContext,
                        EnabledSslProtocols = Protocols,
                        CipherSuitesPolicy = CipherSuites,
                        ClientCertificateRequired = false,
                    }, token);
                    stream = tls;
                    inTls = true;
                    break;
                default:
                    await WriteAsync(stream, "502 5.5.2 command not recognised\r\n", token);
                    break;
            }
        }
    }

    private static async Task GarbageAsync(Stream stream, CancellationToken token)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\n"), token);
        await stream.WriteAsync(Enumerable.Range(0, 256).Select(i => (byte)(i * 37 + 11)).ToArray(), token);
        await DrainAsync(stream, token);
    }

    private async Task EndlessAsync(Stream stream, CancellationToken token)
    {
        for (var n = 0; ; n++)
            await WriteAsync(stream, $"220-{HostName} line {n} of a reply that never ends\r\n", token);
    }

    private static async Task DrainAsync(Stream stream, CancellationToken token)
    {
        var buffer = new byte[1024];
        while (await stream.ReadAsync(buffer, token) > 0)
        {
        }
    }

    private static async Task WriteAsync(Stream stream, string text, CancellationToken token)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), token);
        await stream.FlushAsync(token);
    }

    /// <summary>One command line without CRLF; null when the client closed or sent an over-long line.</summary>
    private static async Task<string?> ReadLineAsync(Stream stream, CancellationToken token)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (line.Length < MaxCommandLine)
        {
            if (await stream.ReadAsync(one, token) == 0)
                return null;
            if (one[0] == '\n')
                return line.ToString().TrimEnd('\r');
            line.Append((char)one[0]);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await connections.DisposeAsync();
    }
}
