using System.Buffers.Binary;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Smtp;

/// <summary>Why a TLS handshake failed, read from the bytes the server sent: a ServerHello that chose a version
/// older than TLS 1.2, or a plaintext alert (RFC 8446 §6, RFC 5246 §7.2). Platform TLS libraries refuse TLS 1.0/1.1
/// before we could see the session (OpenSSL 3 at its default security level does), so the server's own words are
/// the only portable evidence. Everything the bytes do not explain falls back to the exception's text.</summary>
internal static class HandshakeFailureReader
{
    private const byte AlertRecord = 21;
    private const byte HandshakeRecord = 22;
    private const byte ServerHelloMessage = 2;
    private const ushort SupportedVersionsExtension = 43; // RFC 8446 §4.2.1
    private const ushort Tls12 = 0x0303;

    public static (HandshakeFailureKind Kind, string Detail) Explain(ReadOnlySpan<byte> fromServer, Exception error)
    {
        ushort? version = null;
        byte? alert = null;
        var records = fromServer;
        while (records.Length >= 5 && records[1] == 3)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(records[3..]);
            var fragment = records[5..Math.Min(records.Length, 5 + length)];
            if (records[0] == HandshakeRecord && version is null && fragment.Length > 0 && fragment[0] == ServerHelloMessage)
                version = ServerHelloVersion(fragment);
            else if (records[0] == AlertRecord && fragment.Length >= 2 && alert is null)
                alert = fragment[1];
            if (records.Length < 5 + length)
                break;
            records = records[(5 + length)..];
        }

        if (version is < Tls12 and { } old)
            return (HandshakeFailureKind.LegacyVersion, $"the server chose {VersionName(old)} in its ServerHello; TLS 1.2 is the oldest version modern senders use (RFC 8996)");
        if (alert is { } code)
        {
            var name = AlertName(code);
            return code switch
            {
                // RFC 8446 §6.2: protocol_version, the server supports none of the versions we offered (1.2, 1.3).
                70 => (HandshakeFailureKind.LegacyVersion, $"the server refused TLS 1.2 and 1.3 (alert {name})"),
                // handshake_failure is what servers send when no cipher suite (or group) is shared; insufficient_security likewise.
                40 or 71 => (HandshakeFailureKind.NoSharedCipher, $"the server sent alert {name}: no cipher suite in common"),
                _ => (HandshakeFailureKind.Alert, $"the server sent alert {name}"),
            };
        }
        if (fromServer.Length > 0 && fromServer[0] is not (AlertRecord or HandshakeRecord or 20 or 23))
            return (HandshakeFailureKind.Other, "the server answered the ClientHello with data that is not TLS");
        if (fromServer.Length == 0)
            return (HandshakeFailureKind.Other, $"the server closed the connection without a ServerHello ({Text(error)})");
        return (HandshakeFailureKind.Other, Text(error));
    }

    /// <summary>The version the ServerHello chose: supported_versions when present (TLS 1.3), else legacy_version.</summary>
    private static ushort? ServerHelloVersion(ReadOnlySpan<byte> message)
    {
        // type(1) length(3) legacy_version(2) random(32) session_id<0..32> cipher_suite(2) compression(1) extensions<..>
        if (message.Length < 4 + 2 + 32 + 1)
            return null;
        var body = message[4..];
        var legacy = BinaryPrimitives.ReadUInt16BigEndian(body);
        var at = 2 + 32;
        at += 1 + body[at];
        at += 2 + 1;
        if (body.Length < at + 2)
            return legacy;
        var extensionsEnd = Math.Min(body.Length, at + 2 + BinaryPrimitives.ReadUInt16BigEndian(body[at..]));
        at += 2;
        while (at + 4 <= extensionsEnd)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(body[at..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(body[(at + 2)..]);
            if (type == SupportedVersionsExtension && length == 2 && at + 6 <= extensionsEnd)
                return BinaryPrimitives.ReadUInt16BigEndian(body[(at + 4)..]);
            at += 4 + length;
        }
        return legacy;
    }

    internal static string VersionName(ushort version) => version switch
    {
        0x0300 => "SSL 3.0",
        0x0301 => "TLS 1.0",
        0x0302 => "TLS 1.1",
        0x0303 => "TLS 1.2",
        0x0304 => "TLS 1.3",
        _ => $"version 0x{version:x4}",
    };

    /// <summary>RFC 8446 §6 and RFC 5246 §7.2 alert descriptions.</summary>
    internal static string AlertName(byte code) => code switch
    {
        0 => "close_notify (0)",
        10 => "unexpected_message (10)",
        20 => "bad_record_mac (20)",
        22 => "record_overflow (22)",
        40 => "handshake_failure (40)",
        42 => "bad_certificate (42)",
        43 => "unsupported_certificate (43)",
        46 => "certificate_unknown (46)",
        47 => "illegal_parameter (47)",
        48 => "unknown_ca (48)",
        50 => "decode_error (50)",
        51 => "decrypt_error (51)",
        70 => "protocol_version (70)",
        71 => "insufficient_security (71)",
        80 => "internal_error (80)",
        86 => "inappropriate_fallback (86)",
        90 => "user_canceled (90)",
        109 => "missing_extension (109)",
        110 => "unsupported_extension (110)",
        112 => "unrecognized_name (112)",
        116 => "certificate_required (116)",
        120 => "no_application_protocol (120)",
        _ => $"({code})",
    };

    private static string Text(Exception e)
        => e.InnerException is { } inner && inner.Message != e.Message ? $"{e.Message} ({inner.Message})" : e.Message;
}
