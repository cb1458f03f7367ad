using TlsPreflight.Probing.Model;
using TlsPreflight.TestLab.Network;
using TlsPreflight.TestLab.Smtp;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>Silent, slow, chatty and malicious SMTP servers. Each must end in a classified probe result; the
/// LabEngine's step deadlines are 2 s, and the xunit Timeout only guards against a hang (it is not a benchmark).</summary>
public sealed class HostileServerTests(LabFixture lab)
{
    private const int HangGuardMs = 30_000;

    private async Task<(DomainAssessment Result, SmtpProbeResult Probe, LabSmtpServer Server)> AssessHostileAsync(SmtpBehaviour behaviour, CancellationToken cancellationToken)
    {
        var domain = LabFixture.NewDomain(behaviour.ToString().ToLowerInvariant());
        var mxHost = $"mx.{domain}";
        var server = lab.Smtp(behaviour, mxHost, lab.Authority.Issue(mxHost));
        lab.PublishMx(domain, server);
        await using var engine = new LabEngine(lab);
        var result = await engine.AssessAsync(domain, cancellationToken);
        return (result, result.OnlyProbe(), server);
    }

    [Theory(Timeout = HangGuardMs)]
    [InlineData(SmtpBehaviour.NoBanner, ProbeOutcome.Timeout, ProbeStep.Banner, FindingCodes.Timeout)]
    [InlineData(SmtpBehaviour.DripBanner, ProbeOutcome.Timeout, ProbeStep.Banner, FindingCodes.Timeout)]
    [InlineData(SmtpBehaviour.Reject421AtConnect, ProbeOutcome.RateLimited, ProbeStep.Banner, FindingCodes.RateLimited)]
    [InlineData(SmtpBehaviour.Garbage, ProbeOutcome.ProtocolError, ProbeStep.Banner, FindingCodes.ProtocolError)]
    [InlineData(SmtpBehaviour.HugeLine, ProbeOutcome.ProtocolError, ProbeStep.Banner, FindingCodes.ProtocolError)]
    [InlineData(SmtpBehaviour.EndlessMultilineReply, ProbeOutcome.ProtocolError, ProbeStep.Banner, FindingCodes.ProtocolError)]
    public async Task A_hostile_server_that_never_gets_to_tls_is_classified_and_the_level_is_unknown(
        SmtpBehaviour behaviour, ProbeOutcome outcome, ProbeStep step, string finding)
    {
        var (result, probe, server) = await AssessHostileAsync(behaviour, TestContext.Current.CancellationToken);

        Assert.Equal(outcome, probe.Outcome);
        Assert.Equal(step, probe.Step);
        Assert.NotNull(probe.Error);
        Assert.Equal(SecurityLevel.Unknown, result.Level); // never "insecure" for a server that did not answer usefully
        result.HasFinding(finding);
        Assert.Equal(1, server.ConnectionCount); // no retry against a server that answered (or stayed silent)
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task A_421_at_connect_keeps_its_reply_code()
    {
        var (_, probe, _) = await AssessHostileAsync(SmtpBehaviour.Reject421AtConnect, TestContext.Current.CancellationToken);

        Assert.Equal(421, probe.LastReplyCode);
        Assert.Contains("421", probe.Error);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task A_close_in_the_middle_of_the_handshake_is_a_failed_handshake_and_mail_may_go_in_clear()
    {
        var (result, probe, _) = await AssessHostileAsync(SmtpBehaviour.CloseMidHandshake, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.HandshakeFailed, probe.Outcome);
        Assert.Equal(ProbeStep.Handshake, probe.Step);
        Assert.True(probe.StartTlsOffered);
        Assert.Equal(SecurityLevel.Plaintext, result.Level); // RFC 7672 §2.2: opportunistic senders retry in clear
        result.HasFinding(FindingCodes.TlsHandshakeFailed);
    }

    [Theory(Timeout = HangGuardMs)]
    [InlineData(SmtpBehaviour.StallHandshake, HandshakeFailureKind.Timeout, FindingCodes.TlsHandshakeFailed, "no handshake within 2 s")]
    [InlineData(SmtpBehaviour.CloseMidHandshake, HandshakeFailureKind.Other, FindingCodes.TlsHandshakeFailed, "closed the connection")]
    [InlineData(SmtpBehaviour.Tls10Only, HandshakeFailureKind.LegacyVersion, FindingCodes.LegacyTlsVersion, "chose TLS 1.0")]
    [InlineData(SmtpBehaviour.ProtocolVersionAlert, HandshakeFailureKind.LegacyVersion, FindingCodes.LegacyTlsVersion, "protocol_version (70)")]
    [InlineData(SmtpBehaviour.NoSharedCipherAlert, HandshakeFailureKind.NoSharedCipher, FindingCodes.TlsNoSharedCipher, "handshake_failure (40)")]
    public async Task A_handshake_that_fails_after_220_ready_is_plaintext_and_says_why(
        SmtpBehaviour behaviour, HandshakeFailureKind kind, string finding, string detail)
    {
        var (result, probe, server) = await AssessHostileAsync(behaviour, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.HandshakeFailed, probe.Outcome);
        Assert.Equal(ProbeStep.Handshake, probe.Step);
        Assert.Equal(kind, probe.HandshakeFailure);
        Assert.Equal(SecurityLevel.Plaintext, result.Level); // opportunistic senders retry without TLS
        Assert.Contains(detail, Assert.Single(result.Findings, f => f.Code == finding).Detail);
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact(Timeout = HangGuardMs)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // CipherSuitesPolicy is OpenSSL/macOS only
    public async Task A_real_tls_server_with_only_a_cipher_suite_we_do_not_offer_is_named_no_shared_cipher()
    {
        var domain = LabFixture.NewDomain("nocipher");
        var mxHost = $"mx.{domain}";
        // TLS 1.2 with AES-128-CCM-8 only: the platform's client does not offer CCM-8 by default, so OpenSSL answers the
        // ClientHello with handshake_failure ("no shared cipher"), as a real server with an odd cipher list does.
        await using var server = LabSmtpServer.Start(SmtpBehaviour.StartTls, lab.SmtpPort, mxHost, lab.Authority.Issue(mxHost), lab.Authority.Chain,
            System.Security.Authentication.SslProtocols.Tls12, cipherSuites: new System.Net.Security.CipherSuitesPolicy([System.Net.Security.TlsCipherSuite.TLS_RSA_WITH_AES_128_CCM_8]));
        lab.PublishMx(domain, server);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        var probe = result.OnlyProbe();
        Assert.Equal(HandshakeFailureKind.NoSharedCipher, probe.HandshakeFailure);
        Assert.Equal(SecurityLevel.Plaintext, result.Level);
        result.HasFinding(FindingCodes.TlsNoSharedCipher);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task A_port_with_no_listener_is_refused_and_unreachable()
    {
        var domain = LabFixture.NewDomain("refused");
        lab.Zone.Mx(domain, 10, $"mx.{domain}").A($"mx.{domain}", LoopbackAddresses.Next());
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Refused, result.OnlyProbe().Outcome);
        Assert.Equal(SecurityLevel.Unknown, result.Level);
        result.HasFinding(FindingCodes.MxUnreachable);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task The_domain_time_limit_ends_a_probe_that_is_still_waiting()
    {
        var domain = LabFixture.NewDomain("domainlimit");
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.NoBanner, $"mx.{domain}"));
        await using var engine = new LabEngine(lab, o =>
        {
            o.SmtpCommandTimeout = TimeSpan.FromSeconds(20);
            o.DomainTimeout = TimeSpan.FromSeconds(1);
        });

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        var probe = result.OnlyProbe();
        Assert.Equal(ProbeOutcome.Timeout, probe.Outcome);
        Assert.Equal(ProbeStep.Domain, probe.Step);
        Assert.Equal(SecurityLevel.Unknown, result.Level);
    }

    [Fact(Timeout = HangGuardMs)]
    public async Task Cancelling_the_caller_token_stops_the_assessment_with_an_operation_cancelled()
    {
        var domain = LabFixture.NewDomain("cancel");
        lab.PublishMx(domain, lab.Smtp(SmtpBehaviour.NoBanner, $"mx.{domain}"));
        await using var engine = new LabEngine(lab, o => o.SmtpCommandTimeout = TimeSpan.FromSeconds(20));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.Assessor.AssessAsync(domain, cancel.Token));
    }
}
