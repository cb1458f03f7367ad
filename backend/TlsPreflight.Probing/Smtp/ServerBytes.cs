namespace TlsPreflight.Probing.Smtp;

/// <summary>Passes reads and writes through to the connection and keeps a copy of the first bytes the server sent,
/// so that a failed TLS handshake can be explained from the server's own ServerHello or alert
/// (<see cref="HandshakeFailureReader"/>), whatever the platform's TLS library says about it.</summary>
internal sealed class ServerBytes(Stream inner) : Stream
{
    /// <summary>A ServerHello and an alert fit many times over; certificates after them are not needed.</summary>
    private const int Limit = 16 * 1024;
    private readonly MemoryStream copy = new();

    public ReadOnlySpan<byte> Received => copy.GetBuffer().AsSpan(0, (int)copy.Length);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Keep(buffer.Span[..read]);
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Keep(buffer.AsSpan(offset, read));
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        var room = Limit - (int)copy.Length;
        if (room > 0)
            copy.Write(bytes[..Math.Min(room, bytes.Length)]);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    public override void Flush() => inner.Flush();
    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
