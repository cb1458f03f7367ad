using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace TlsPreflight.Probing.Dns;

/// <summary>One UDP query with the CD (checking disabled) bit set, answered only with its RCODE.
/// Our own few bytes because DnsClient 1.8.0 cannot set CD on a query (its request header flags are internal).
/// RFC 4035 §3.2.2: with CD a validating resolver returns the data without validating it, so an answer with CD
/// and SERVFAIL without is a DNSSEC validation failure (the test `delv`/`dig +cd` users make by hand).</summary>
internal static class CheckingDisabledQuery
{
    private const ushort RecursionDesired = 0x0100;
    private const ushort CheckingDisabled = 0x0010;
    private const int MaxResponse = 1232; // RFC 9715 / DNS flag day 2020 UDP size

    /// <summary>The response code the server gives with CD set, or null when it did not answer in time.</summary>
    public static async Task<int?> ResponseCodeAsync(IPEndPoint server, string name, ushort type, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var id = (ushort)Random.Shared.Next(1, ushort.MaxValue);
        var query = Build(id, name, type);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            await socket.ConnectAsync(server, deadline.Token);
            await socket.SendAsync(query, SocketFlags.None, deadline.Token);
            var buffer = new byte[MaxResponse];
            while (true)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
                // RFC 5452 §4.3: only a response with our id counts; anything else is ignored.
                if (read >= 12 && BinaryPrimitives.ReadUInt16BigEndian(buffer) == id && (buffer[2] & 0x80) != 0)
                    return buffer[3] & 0x0F;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    /// <summary>Header (RD+CD, one question, one OPT), the question, and an OPT record with DO (RFC 6891 §6.1.2, RFC 3225).</summary>
    internal static byte[] Build(ushort id, string name, ushort type)
    {
        var labels = name.TrimEnd('.').Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (labels.Any(l => l.Length is 0 or > 63 || l.Any(c => c > 0x7F)))
            throw new ArgumentException($"'{name}' is not an A-label domain name", nameof(name));
        var message = new List<byte>(64);
        void U16(int value) { message.Add((byte)(value >> 8)); message.Add((byte)value); }
        U16(id);
        U16(RecursionDesired | CheckingDisabled);
        U16(1); // QDCOUNT
        U16(0);
        U16(0);
        U16(1); // ARCOUNT: the OPT record
        foreach (var label in labels)
        {
            message.Add((byte)label.Length);
            message.AddRange(label.Select(c => (byte)c));
        }
        message.Add(0);
        U16(type);
        U16(1); // IN
        message.Add(0); // OPT owner: the root
        U16(41);
        U16(MaxResponse);
        U16(0); // extended RCODE, version
        U16(0x8000); // DO
        U16(0); // no options
        return [.. message];
    }
}
