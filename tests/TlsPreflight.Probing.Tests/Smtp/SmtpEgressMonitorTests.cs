using TlsPreflight.Probing.Smtp;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Tests.Smtp;

public sealed class SmtpEgressMonitorTests
{
    private static SmtpProbeResult Probe(ProbeOutcome outcome, ProbeStep? step)
        => new("192.0.2.1", 25, outcome, step, null, null, null, false, null, new ProbeTimings(0, 0, 0, 0, 0, 0));

    [Fact]
    public void Repeated_connect_timeouts_with_no_answer_anywhere_look_like_blocked_egress()
    {
        var monitor = new SmtpEgressMonitor();

        monitor.Record(Probe(ProbeOutcome.Timeout, ProbeStep.Connect));
        Assert.False(monitor.LooksBlocked); // one silent server proves nothing
        monitor.Record(Probe(ProbeOutcome.Timeout, ProbeStep.Connect));

        Assert.True(monitor.LooksBlocked);
    }

    [Theory]
    [InlineData(ProbeOutcome.Refused, ProbeStep.Connect)]
    [InlineData(ProbeOutcome.Timeout, ProbeStep.Banner)]
    [InlineData(ProbeOutcome.Completed, null)]
    [InlineData(ProbeOutcome.RateLimited, ProbeStep.Banner)]
    public void Any_answer_from_any_server_shows_port_25_gets_out(ProbeOutcome outcome, ProbeStep? step)
    {
        var monitor = new SmtpEgressMonitor();
        monitor.Record(Probe(outcome, step));

        monitor.Record(Probe(ProbeOutcome.Timeout, ProbeStep.Connect));
        monitor.Record(Probe(ProbeOutcome.Timeout, ProbeStep.Connect));
        monitor.Record(Probe(ProbeOutcome.Timeout, ProbeStep.Connect));

        Assert.False(monitor.LooksBlocked);
    }

    [Fact]
    public void Addresses_that_were_never_dialled_say_nothing_about_egress()
    {
        var monitor = new SmtpEgressMonitor();

        monitor.Record(Probe(ProbeOutcome.SkippedPrivateAddress, null));
        monitor.Record(Probe(ProbeOutcome.SkippedUnroutable, null));
        monitor.Record(Probe(ProbeOutcome.Timeout, ProbeStep.Connect));
        monitor.Record(Probe(ProbeOutcome.Timeout, ProbeStep.Connect));

        Assert.True(monitor.LooksBlocked);
    }
}
