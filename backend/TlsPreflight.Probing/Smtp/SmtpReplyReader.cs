using System.Text;

namespace TlsPreflight.Probing.Smtp;

/// <summary>Reads SMTP replies with hard limits, so a chatty or malicious server cannot exhaust memory or time.</summary>
internal sealed class SmtpReplyReader(Stream stream)
{
    /// <summary>RFC 5321 §4.5.3.1.5 allows 512 octets per reply line including CRLF; real servers exceed it a little.</summary>
    public const int MaxLineBytes = 2048;

    /// <summary>No real EHLO reply comes near this; an endless multi-line reply must end somewhere.</summary>
    public const int MaxReplyLines = 100;

    public const int MaxReplyBytes = 64 * 1024;

    private readonly byte[] buffer = new byte[2 * MaxLineBytes];
    private int start;
    private int end;

    /// <summary>Bytes received but not yet read as a reply. After the 220 to STARTTLS there must be none:
    /// anything there was sent before the handshake and must not be trusted (RFC 3207 §4, cf. CVE-2011-0411).</summary>
    public bool HasBufferedData => end > start;

    public async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var code = -1;
        var total = 0;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken);
            total += line.Length + 2;
            if (total > MaxReplyBytes)
                throw new SmtpProtocolException($"reply longer than {MaxReplyBytes} bytes");
            // RFC 5321 §4.2: Reply-line = *( Reply-code "-" [ textstring ] CRLF ) Reply-code [ SP textstring ] CRLF
            if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2])
                || (line.Length > 3 && line[3] is not (' ' or '-')))
                throw new SmtpProtocolException($"not an SMTP reply: \"{Printable(line)}\"");
            var lineCode = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
            if (code >= 0 && lineCode != code)
                throw new SmtpProtocolException($"reply code changed from {code} to {lineCode} within one reply");
            code = lineCode;
            lines.Add(line.Length > 4 ? line[4..] : "");
            if (line.Length == 3 || line[3] == ' ')
                return new SmtpReply(code, lines);
            if (lines.Count >= MaxReplyLines)
                throw new SmtpProtocolException($"reply has more than {MaxReplyLines} lines");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline >= 0)
            {
                var length = newline - start;
                if (length + 1 > MaxLineBytes)
                    throw new SmtpProtocolException($"reply line longer than {MaxLineBytes} bytes");
                var line = Encoding.Latin1.GetString(buffer, start, length).TrimEnd('\r');
                start = newline + 1;
                return line;
            }
            if (end - start >= MaxLineBytes)
                throw new SmtpProtocolException($"reply line longer than {MaxLineBytes} bytes");
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            }
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0)
                throw new SmtpProtocolException("the server closed the connection");
            end += read;
        }
    }

    private static string Printable(string text)
    {
        var shown = new string([.. text.Take(60).Select(c => c is >= ' ' and < '\x7f' ? c : '?')]);
        return text.Length > 60 ? shown + "…" : shown;
    }
}
