namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>The system clock moved forward by <see cref="Offset"/>: zero for every test that does not move it,
/// so time-based caches behave as in production; a test moves it to see an expiry happen.</summary>
public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
