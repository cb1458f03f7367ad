using System.Text;
using TlsPreflight.Probing.Smtp;

namespace TlsPreflight.Probing.Tests.Smtp;

/// <summary>Recorded server transcripts replayed through the reply reader (pure parsing, no network).</summary>
public sealed class SmtpReplyReaderTests
{
    private static SmtpReplyReader Reader(string transcript) => new(new MemoryStream(Encoding.Latin1.GetBytes(transcript)));

    [Fact]
    public async Task A_multi_line_ehlo_reply_is_read_as_one_reply_with_its_keywords()
    {
        var reader = Reader("250-mx.example.com Hello\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n");

        var reply = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal(250, reply.Code);
        Assert.Equal(["mx.example.com Hello", "PIPELINING", "STARTTLS", "8BITMIME"], reply.Lines);
        Assert.False(reader.HasBufferedData);
    }

    [Fact]
    public async Task Replies_are_read_one_at_a_time_and_bare_lf_and_bare_codes_are_accepted()
    {
        var reader = Reader("220 ready\n250\r\n");

        var first = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);
        Assert.True(reader.HasBufferedData);
        var second = await reader.ReadReplyAsync(TestContext.Current.CancellationToken);

        Assert.Equal((220, "ready"), (first.Code, first.Lines[0]));
        Assert.Equal(250, second.Code);
    }

    [Theory]
    [InlineData("HTTP/1.1 400 Bad Request\r\n", "not an SMTP reply")]
    [InlineData("22 short\r\n", "not an SMTP reply")]
    [InlineData("220+odd separator\r\n", "not an SMTP reply")]
    [InlineData("250-first\r\n550 second\r\n", "reply code changed")]
    [InlineData("220-never finished\r\n", "closed the connection")]
    [InlineData("", "closed the connection")]
    public async Task Malformed_transcripts_are_protocol_errors(string transcript, string expected)
    {
        var error = await Assert.ThrowsAsync<SmtpProtocolException>(
            () => Reader(transcript).ReadReplyAsync(TestContext.Current.CancellationToken));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_refused_without_reading_it_all()
    {
        var stream = new MemoryStream(Encoding.Latin1.GetBytes("220 " + new string('x', 1024 * 1024) + "\r\n"));

        var error = await Assert.ThrowsAsync<SmtpProtocolException>(
            () => new SmtpReplyReader(stream).ReadReplyAsync(TestContext.Current.CancellationToken));

        Assert.Contains("longer than", error.Message);
        Assert.True(stream.Position < 64 * 1024, "the reader should stop soon after the limit");
    }

    [Fact]
    public async Task A_reply_with_more_than_the_maximum_lines_is_refused()
    {
        var transcript = string.Concat(Enumerable.Range(0, SmtpReplyReader.MaxReplyLines + 5).Select(i => $"250-line {i}\r\n")) + "250 end\r\n";

        var error = await Assert.ThrowsAsync<SmtpProtocolException>(
            () => Reader(transcript).ReadReplyAsync(TestContext.Current.CancellationToken));

        Assert.Contains("lines", error.Message);
    }

    [Fact]
    public async Task Random_bytes_end_in_a_reply_or_a_protocol_error_and_nothing_else()
    {
        var random = new Random(20261129);
        for (var i = 0; i < 500; i++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            if (i % 3 == 0 && bytes.Length > 4)
                "250-"u8.CopyTo(bytes); // sometimes start like a reply, to get past the first check
            var reader = new SmtpReplyReader(new MemoryStream(bytes));
            try
            {
                await reader.ReadReplyAsync(TestContext.Current.CancellationToken);
            }
            catch (SmtpProtocolException)
            {
                // the expected way to fail
            }
        }
    }
}
