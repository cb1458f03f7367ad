using System.Security.Cryptography;

namespace TlsPreflight.TestLab.Smtp;

/// <summary>A few hand-made TLS records for servers the platform's TLS library will not play: OpenSSL 3 here refuses
/// to act as a TLS 1.0 server at its default security level, and a real "no shared cipher" needs a server
/// configuration the client's own policy does not reject first. Each answer reads the ClientHello record first,
/// as a real server would, then says what such a server says (RFC 5246 §7.4.1.3, RFC 8446 §6).</summary>
internal static class FakeTlsServer
{
    /// <summary>What an old server that knows only TLS 1.0 does: ServerHello with version 3.1
    /// (TLS_RSA_WITH_AES_128_CBC_SHA, no extensions), then it waits for the client.</summary>
    public static async Task Tls10ServerHelloAsync(Stream stream, CancellationToken token)
    {
        await ReadClientHelloAsync(stream, token);
        var hello = new List<byte> { 0x03, 0x01 };
        hello.AddRange(RandomNumberGenerator.GetBytes(32));
        hello.AddRange([0x00, 0x00, 0x2f, 0x00]); // no session id, cipher suite 0x002f, null compression
        byte[] handshake = [0x02, 0x00, (byte)(hello.Count >> 8), (byte)hello.Count, .. hello];
        await WriteRecordAsync(stream, 22, handshake, token);
        await DrainAsync(stream, token);
    }

    /// <summary>A fatal alert (level 2) in answer to the ClientHello, then the server hangs up:
    /// 70 protocol_version (no TLS version in common), 40 handshake_failure (no cipher suite in common).</summary>
    public static async Task AlertAsync(Stream stream, byte description, CancellationToken token)
    {
        await ReadClientHelloAsync(stream, token);
        await WriteRecordAsync(stream, 21, [0x02, description], token);
    }

    private static async Task ReadClientHelloAsync(Stream stream, CancellationToken token)
    {
        var header = new byte[5];
        await stream.ReadExactlyAsync(header, token);
        var body = new byte[(header[3] << 8) | header[4]];
        await stream.ReadExactlyAsync(body, token);
    }

    private static async Task WriteRecordAsync(Stream stream, byte type, byte[] fragment, CancellationToken token)
    {
        byte[] record = [type, 0x03, 0x01, (byte)(fragment.Length >> 8), (byte)fragment.Length, .. fragment];
        await stream.WriteAsync(record, token);
        await stream.FlushAsync(token);
    }

    private static async Task DrainAsync(Stream stream, CancellationToken token)
    {
        var buffer = new byte[1024];
        while (await stream.ReadAsync(buffer, token) > 0)
        {
        }
    }
}
