using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Verdict;
using static TlsPreflight.Probing.Tests.Verdict.Evidence;
using TlsPreflight.Probing.Dns;

namespace TlsPreflight.Probing.Tests.Verdict;

public sealed class VerdictRulesTests
{
    [Fact]
    public void A_dns_error_makes_the_domain_unknown_with_the_error_as_detail()
    {
        var verdict = VerdictRules.Decide(new VerdictInput(MxLookupStatus.DnsError, "SERVFAIL", [], MtaStsReport.NoRecord, false));

        Assert.Equal(SecurityLevel.Unknown, verdict.Level);
        Assert.Equal([new Finding(FindingCodes.DnsFailure, null, "SERVFAIL")], verdict.Findings);
    }

    [Theory]
    [InlineData(MxLookupStatus.DomainNotFound, SecurityLevel.NoMail, FindingCodes.DomainNotFound)]
    [InlineData(MxLookupStatus.DnssecInvalid, SecurityLevel.Unknown, FindingCodes.DnssecInvalid)]
    [InlineData(MxLookupStatus.DnsError, SecurityLevel.Unknown, FindingCodes.DnsFailure)]
    [InlineData(MxLookupStatus.NoMailServer, SecurityLevel.NoMail, FindingCodes.NoMailServer)]
    public void Each_way_the_mx_lookup_can_end_without_hosts_has_its_own_level_and_finding(MxLookupStatus status, SecurityLevel level, string code)
    {
        var verdict = VerdictRules.Decide(new VerdictInput(status, "what DNS said", [], MtaStsReport.NoRecord, false));

        Assert.Equal(level, verdict.Level);
        Assert.Equal(code, Assert.Single(verdict.Findings).Code);
    }

    [Theory]
    [InlineData(HandshakeFailureKind.Timeout, FindingCodes.TlsHandshakeFailed)]
    [InlineData(HandshakeFailureKind.LegacyVersion, FindingCodes.LegacyTlsVersion)]
    [InlineData(HandshakeFailureKind.NoSharedCipher, FindingCodes.TlsNoSharedCipher)]
    [InlineData(HandshakeFailureKind.Alert, FindingCodes.TlsHandshakeFailed)]
    [InlineData(null, FindingCodes.TlsHandshakeFailed)]
    public void A_failed_handshake_is_plaintext_and_named_by_why_it_failed(HandshakeFailureKind? kind, string code)
    {
        var probe = new SmtpProbeResult("192.0.2.1", 25, ProbeOutcome.HandshakeFailed, ProbeStep.Handshake, "why", 220, "220 hi", true, null,
            new ProbeTimings(0, 0, 0, 0, 0, 0), kind);
        var host = new MxHostEvidence("mx.example.com", 10, false, null, [probe], TlsaReport.None);

        var verdict = VerdictRules.Decide(Input(host));

        Assert.Equal(SecurityLevel.Plaintext, verdict.Level);
        Assert.Equal([code], verdict.Codes());
    }

    [Fact]
    public void A_null_mx_means_the_domain_takes_no_mail()
    {
        var verdict = VerdictRules.Decide(new VerdictInput(MxLookupStatus.NullMx, null, [], MtaStsReport.NoRecord, false));

        Assert.Equal(SecurityLevel.NoMail, verdict.Level);
        Assert.Equal([FindingCodes.NullMx], verdict.Codes());
    }

    [Fact]
    public void No_mx_and_no_address_means_the_domain_takes_no_mail()
    {
        var verdict = VerdictRules.Decide(new VerdictInput(MxLookupStatus.NoMailServer, null, [], MtaStsReport.NoRecord, false));

        Assert.Equal(SecurityLevel.NoMail, verdict.Level);
        Assert.Equal([FindingCodes.NoMailServer], verdict.Codes());
    }

    [Fact]
    public void A_null_mx_mixed_with_real_mx_is_flagged_and_the_real_mx_decides()
    {
        var input = Input(Host("mx.example.com", Tls())) with { MxStatus = MxLookupStatus.NullMxMixed };

        var verdict = VerdictRules.Decide(input);

        Assert.Equal(SecurityLevel.Verified, verdict.Level);
        Assert.Equal([FindingCodes.NullMxMixed], verdict.Codes());
    }

    [Fact]
    public void An_implicit_mx_is_flagged_and_assessed_like_any_mx()
    {
        var input = Input(Host("example.com", NoStartTls())) with { MxStatus = MxLookupStatus.Implicit };

        var verdict = VerdictRules.Decide(input);

        Assert.Equal(SecurityLevel.Plaintext, verdict.Level);
        Assert.Equal([FindingCodes.ImplicitMx, FindingCodes.StartTlsNotSupported], verdict.Codes());
    }

    [Fact]
    public void Trusted_named_unexpired_tls_1_2_or_later_is_verified_with_no_findings()
    {
        var verdict = VerdictRules.Decide(Input(Host("mx1.example.com", Tls(protocol: "TLSv1.2")), Host("mx2.example.com", Tls())));

        Assert.Equal(SecurityLevel.Verified, verdict.Level);
        Assert.Empty(verdict.Findings);
        Assert.All(verdict.Hosts, h => Assert.Equal(SecurityLevel.Verified, h.Level));
    }

    [Fact]
    public void No_starttls_is_plaintext()
    {
        var verdict = VerdictRules.Decide(Input(Host("mx.example.com", NoStartTls("192.0.2.9"))));

        Assert.Equal(SecurityLevel.Plaintext, verdict.Level);
        Assert.Equal([new Finding(FindingCodes.StartTlsNotSupported, "mx.example.com", "192.0.2.9")], verdict.Findings);
    }

    [Fact]
    public void A_failed_tls_handshake_is_plaintext_because_senders_fall_back_to_clear_text()
    {
        var verdict = VerdictRules.Decide(Input(Host("mx.example.com", Failed(ProbeOutcome.HandshakeFailed))));

        Assert.Equal(SecurityLevel.Plaintext, verdict.Level);
        Assert.Equal([FindingCodes.TlsHandshakeFailed], verdict.Codes());
    }

    public static TheoryData<CertificateReport, string, string> WeakTls => new()
    {
        { Cert(trusted: false), "TLSv1.3", FindingCodes.CertificateNotTrusted },
        { Cert(nameMatches: false), "TLSv1.3", FindingCodes.CertificateHostMismatch },
        { Cert(expired: true), "TLSv1.3", FindingCodes.CertificateExpired },
        { Cert(), "TLSv1.1", FindingCodes.LegacyTlsVersion },
        { Cert(), "TLSv1.0", FindingCodes.LegacyTlsVersion },
        { Cert(), "SSLv3", FindingCodes.LegacyTlsVersion },
    };

    [Theory]
    [MemberData(nameof(WeakTls))]
    public void Tls_with_a_certificate_or_version_problem_is_encrypted_with_that_finding(CertificateReport cert, string protocol, string code)
    {
        var verdict = VerdictRules.Decide(Input(Host("mx.example.com", Tls(protocol: protocol, cert: cert))));

        Assert.Equal(SecurityLevel.Encrypted, verdict.Level);
        var finding = Assert.Single(verdict.Findings);
        Assert.Equal(code, finding.Code);
        Assert.Equal("mx.example.com", finding.Host);
    }

    [Fact]
    public void Several_certificate_problems_each_get_a_finding()
    {
        var cert = Cert(trusted: false, nameMatches: false, expired: true);

        var verdict = VerdictRules.Decide(Input(Host("mx.example.com", Tls(cert: cert))));

        Assert.Equal([FindingCodes.CertificateNotTrusted, FindingCodes.CertificateHostMismatch, FindingCodes.CertificateExpired], verdict.Codes());
    }

    public static TheoryData<ProbeOutcome, string> Unanswered => new()
    {
        { ProbeOutcome.Refused, FindingCodes.MxUnreachable },
        { ProbeOutcome.SkippedUnroutable, FindingCodes.MxUnreachable },
        { ProbeOutcome.Timeout, FindingCodes.Timeout },
        { ProbeOutcome.RateLimited, FindingCodes.RateLimited },
        { ProbeOutcome.Rejected, FindingCodes.SmtpRejected },
        { ProbeOutcome.ProtocolError, FindingCodes.ProtocolError },
    };

    [Theory]
    [MemberData(nameof(Unanswered))]
    public void A_domain_whose_only_mx_did_not_answer_is_unknown_never_plaintext(ProbeOutcome outcome, string code)
    {
        var verdict = VerdictRules.Decide(Input(Host("mx.example.com", Failed(outcome, error: "boom"))));

        Assert.Equal(SecurityLevel.Unknown, verdict.Level);
        Assert.Equal(SecurityLevel.Unknown, verdict.Hosts[0].Level);
        Assert.Equal([new Finding(code, "mx.example.com", "192.0.2.1: boom")], verdict.Findings);
    }

    [Theory]
    [MemberData(nameof(Unanswered))]
    public void An_mx_that_did_not_answer_is_skipped_and_the_answering_mx_decides(ProbeOutcome outcome, string code)
    {
        var verdict = VerdictRules.Decide(Input(Host("mx1.example.com", Failed(outcome)), Host("mx2.example.com", Tls())));

        Assert.Equal(SecurityLevel.Verified, verdict.Level);
        Assert.Equal(SecurityLevel.Unknown, verdict.Hosts[0].Level);
        Assert.Equal(SecurityLevel.Verified, verdict.Hosts[1].Level);
        Assert.Equal([code], verdict.Codes());
    }

    [Fact]
    public void A_private_address_is_reported_with_the_address_and_not_counted()
    {
        var host = Host("mx.example.com", Failed(ProbeOutcome.SkippedPrivateAddress, "10.0.0.5", "private (RFC 1918)"), Tls("192.0.2.1"));

        var verdict = VerdictRules.Decide(Input(host));

        Assert.Equal(SecurityLevel.Verified, verdict.Level);
        Assert.Equal([new Finding(FindingCodes.MxPrivateAddress, "mx.example.com", "10.0.0.5")], verdict.Findings);
    }

    [Fact]
    public void A_host_takes_the_weakest_level_of_its_addresses()
    {
        var host = Host("mx.example.com", Tls("192.0.2.1"), NoStartTls("2001:db8::1"));

        var verdict = VerdictRules.Decide(Input(host));

        Assert.Equal(SecurityLevel.Plaintext, verdict.Hosts[0].Level);
        Assert.Equal(SecurityLevel.Plaintext, verdict.Level);
    }

    [Fact]
    public void The_domain_takes_the_weakest_level_of_two_mx_of_different_strength()
    {
        var verdict = VerdictRules.Decide(Input(Host("mx1.example.com", Tls()), Host("mx2.example.com", Tls(cert: Cert(trusted: false)))));

        Assert.Equal(SecurityLevel.Encrypted, verdict.Level);
        Assert.Equal(SecurityLevel.Verified, verdict.Hosts[0].Level);
        Assert.Equal(SecurityLevel.Encrypted, verdict.Hosts[1].Level);
    }

    [Fact]
    public void Blocked_outbound_smtp_makes_the_domain_unknown_with_its_own_finding()
    {
        var input = Input(Host("mx.example.com", Failed(ProbeOutcome.Timeout))) with { SmtpEgressBlocked = true };

        var verdict = VerdictRules.Decide(input);

        Assert.Equal(SecurityLevel.Unknown, verdict.Level);
        Assert.Equal(FindingCodes.SmtpEgressBlocked, verdict.Findings[0].Code);
    }

    [Fact]
    public void A_host_without_addresses_is_unknown_with_mx_no_address()
    {
        var verdict = VerdictRules.Decide(Input(Host("mx.example.com")));

        Assert.Equal(SecurityLevel.Unknown, verdict.Level);
        Assert.Equal([new Finding(FindingCodes.MxNoAddress, "mx.example.com")], verdict.Findings);
    }

    [Fact]
    public void An_mx_that_is_a_cname_is_flagged_with_its_target()
    {
        var host = Host("mx.example.com", Tls()) with { CnameTarget = "real.example.net" };

        var verdict = VerdictRules.Decide(Input(host));

        Assert.Equal([new Finding(FindingCodes.MxIsCname, "mx.example.com", "real.example.net")], verdict.Findings);
    }

    [Fact]
    public void Findings_are_de_duplicated_across_addresses_of_one_host()
    {
        var weak = Cert(trusted: false);
        var verdict = VerdictRules.Decide(Input(Host("mx.example.com", Tls("192.0.2.1", cert: weak), Tls("192.0.2.2", cert: weak))));

        Assert.Equal([FindingCodes.CertificateNotTrusted], verdict.Codes());
    }

    [Fact]
    public void Domain_findings_come_before_host_findings_which_follow_host_order()
    {
        var input = new VerdictInput(MxLookupStatus.Implicit, null,
            [Host("b.example.com", NoStartTls()), Host("a.example.com", Failed(ProbeOutcome.Timeout))],
            new MtaStsReport(MtaStsStatus.FetchError, "id", null, null, [], "HTTP 404", false), false);

        var verdict = VerdictRules.Decide(input);

        Assert.Equal([FindingCodes.ImplicitMx, FindingCodes.StsPolicyFetchError, FindingCodes.StartTlsNotSupported, FindingCodes.Timeout], verdict.Codes());
        Assert.Equal([null, null, "b.example.com", "a.example.com"], verdict.Findings.Select(f => f.Host));
    }
}
