using System.Security.Authentication;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Smtp;

namespace TlsPreflight.Probing.Tests.Smtp;

/// <summary>The server's first TLS records, as bytes, and what they say about a failed handshake.</summary>
public sealed class HandshakeFailureReaderTests
{
    private static readonly AuthenticationException Failed = new("Authentication failed, see inner exception.");

    /// <summary>A ServerHello record: legacy_version, random, empty session id, cipher 0x1301, null compression, extensions.</summary>
    private static byte[] ServerHello(ushort legacyVersion, ushort? supportedVersion = null)
    {
        List<byte> body = [(byte)(legacyVersion >> 8), (byte)legacyVersion, .. new byte[32], 0x00, 0x13, 0x01, 0x00];
        if (supportedVersion is { } v)
            body.AddRange([0x00, 0x06, 0x00, 0x2b, 0x00, 0x02, (byte)(v >> 8), (byte)v]);
        byte[] handshake = [0x02, 0x00, (byte)(body.Count >> 8), (byte)body.Count, .. body];
        return [0x16, 0x03, 0x03, (byte)(handshake.Length >> 8), (byte)handshake.Length, .. handshake];
    }

    private static byte[] Alert(byte description) => [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, description];

    public static TheoryData<byte[], HandshakeFailureKind, string> Cases => new()
    {
        { ServerHello(0x0301), HandshakeFailureKind.LegacyVersion, "chose TLS 1.0" },
        { ServerHello(0x0302), HandshakeFailureKind.LegacyVersion, "chose TLS 1.1" },
        { ServerHello(0x0300), HandshakeFailureKind.LegacyVersion, "chose SSL 3.0" },
        // TLS 1.3 puts 1.2 in legacy_version and the real choice in supported_versions (RFC 8446 §4.1.3).
        { [.. ServerHello(0x0303, 0x0304), .. Alert(80)], HandshakeFailureKind.Alert, "internal_error (80)" },
        { Alert(70), HandshakeFailureKind.LegacyVersion, "protocol_version (70)" },
        { Alert(40), HandshakeFailureKind.NoSharedCipher, "handshake_failure (40)" },
        { Alert(71), HandshakeFailureKind.NoSharedCipher, "insufficient_security (71)" },
        { Alert(112), HandshakeFailureKind.Alert, "unrecognized_name (112)" },
        { "554 go away\r\n"u8.ToArray(), HandshakeFailureKind.Other, "not TLS" },
        { [], HandshakeFailureKind.Other, "closed the connection without a ServerHello" },
        { [0x16, 0x03], HandshakeFailureKind.Other, "Authentication failed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_server_bytes_tell_why_the_handshake_failed(byte[] fromServer, HandshakeFailureKind kind, string detail)
    {
        var (actualKind, actualDetail) = HandshakeFailureReader.Explain(fromServer, Failed);

        Assert.Equal(kind, actualKind);
        Assert.Contains(detail, actualDetail);
    }

    [Fact]
    public void A_truncated_server_hello_is_not_read_past_its_end()
    {
        var hello = ServerHello(0x0301);

        for (var length = 0; length < hello.Length; length++)
            _ = HandshakeFailureReader.Explain(hello.AsSpan(0, length), Failed); // must not throw
    }
}
