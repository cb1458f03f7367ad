using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;
using TlsPreflight.Probing.Verdict;
using static TlsPreflight.Probing.Tests.Verdict.Evidence;
using TlsPreflight.Probing.Dns;

namespace TlsPreflight.Probing.Tests.Verdict;

/// <summary>MTA-STS (RFC 8461) and DANE (RFC 7672) in the verdict.</summary>
public sealed class VerdictRulesPolicyTests
{
    [Fact]
    public void Mta_sts_enforce_with_every_mx_listed_and_verified_makes_the_domain_enforced()
    {
        var input = Input(Host("mx1.example.com", Tls()), Host("mx2.example.com", Tls())) with { MtaSts = Sts(MtaStsMode.Enforce) };

        var verdict = VerdictRules.Decide(input);

        Assert.Equal(SecurityLevel.Enforced, verdict.Level);
        Assert.All(verdict.Hosts, h => Assert.Equal(SecurityLevel.Enforced, h.Level));
        Assert.Equal([new Finding(FindingCodes.MtaStsEnforce)], verdict.Findings);
    }

    [Fact]
    public void Mta_sts_enforce_does_not_upgrade_when_an_mx_is_only_encrypted()
    {
        var input = Input(Host("mx1.example.com", Tls()), Host("mx2.example.com", Tls(cert: Cert(nameMatches: false))))
            with { MtaSts = Sts(MtaStsMode.Enforce) };

        var verdict = VerdictRules.Decide(input);

        Assert.Equal(SecurityLevel.Encrypted, verdict.Level);
        Assert.Equal(SecurityLevel.Verified, verdict.Hosts[0].Level);
        var enforce = Assert.Single(verdict.Findings, f => f.Code == FindingCodes.MtaStsEnforce);
        Assert.Contains("not met", enforce.Detail);
        Assert.Contains(FindingCodes.CertificateHostMismatch, verdict.Codes());
    }

    [Fact]
    public void Mta_sts_enforce_does_not_upgrade_when_an_mx_is_not_listed_and_says_which()
    {
        var input = Input(Host("mx1.example.com", Tls()), Host("other.example.net", Tls()))
            with { MtaSts = Sts(MtaStsMode.Enforce) };

        var verdict = VerdictRules.Decide(input);

        Assert.Equal(SecurityLevel.Verified, verdict.Level);
        Assert.Contains(new Finding(FindingCodes.StsMxMismatch, "other.example.net", "the MTA-STS policy does not list this MX"), verdict.Findings);
    }

    [Fact]
    public void Mta_sts_enforce_ignores_unreachable_mx_for_the_level_but_they_must_still_be_listed()
    {
        var input = Input(Host("mx1.example.com", Tls()), Host("mx2.example.com", Failed(ProbeOutcome.Timeout)))
            with { MtaSts = Sts(MtaStsMode.Enforce) };

        var verdict = VerdictRules.Decide(input);

        Assert.Equal(SecurityLevel.Enforced, verdict.Level);
        Assert.Equal(SecurityLevel.Enforced, verdict.Hosts[0].Level);
        Assert.Equal(SecurityLevel.Unknown, verdict.Hosts[1].Level);
    }

    [Fact]
    public void Mta_sts_testing_reports_but_does_not_upgrade()
    {
        var input = Input(Host("mx.example.com", Tls()), Host("b.example.org", Tls()))
            with { MtaSts = Sts(MtaStsMode.Testing) };

        var verdict = VerdictRules.Decide(input);

        Assert.Equal(SecurityLevel.Verified, verdict.Level);
        Assert.Equal([FindingCodes.MtaStsTesting, FindingCodes.StsMxMismatch], verdict.Codes());
    }

    [Fact]
    public void Mta_sts_mode_none_adds_nothing()
    {
        var verdict = VerdictRules.Decide(Input(Host("b.example.org", Tls())) with { MtaSts = Sts(MtaStsMode.None) }); // not listed either

        Assert.Equal(SecurityLevel.Verified, verdict.Level);
        Assert.Empty(verdict.Findings);
    }

    [Theory]
    [InlineData(MtaStsStatus.RecordInvalid, FindingCodes.StsPolicyInvalid)]
    [InlineData(MtaStsStatus.PolicyInvalid, FindingCodes.StsPolicyInvalid)]
    [InlineData(MtaStsStatus.FetchError, FindingCodes.StsPolicyFetchError)]
    [InlineData(MtaStsStatus.WebpkiInvalid, FindingCodes.StsWebPkiInvalid)]
    public void A_broken_mta_sts_setup_is_reported_with_its_error_and_does_not_change_the_level(MtaStsStatus status, string code)
    {
        var sts = new MtaStsReport(status, null, null, null, [], "what went wrong", false);

        var verdict = VerdictRules.Decide(Input(Host("mx.example.com", Tls())) with { MtaSts = sts });

        Assert.Equal(SecurityLevel.Verified, verdict.Level);
        Assert.Equal([new Finding(code, null, "what went wrong")], verdict.Findings);
    }

    [Fact]
    public void A_broken_mta_sts_setup_is_still_reported_when_the_mx_lookup_failed()
    {
        var sts = new MtaStsReport(MtaStsStatus.PolicyInvalid, "id", null, null, [], "no mode", false);

        var verdict = VerdictRules.Decide(new VerdictInput(MxLookupStatus.DnsError, "timeout", [], sts, false));

        Assert.Equal([FindingCodes.DnsFailure, FindingCodes.StsPolicyInvalid], verdict.Codes());
    }

    [Fact]
    public void No_starttls_under_an_mta_sts_policy_is_a_suspected_downgrade()
    {
        var input = Input(Host("mx.example.com", NoStartTls())) with { MtaSts = Sts(MtaStsMode.Testing) };

        var verdict = VerdictRules.Decide(input);

        Assert.Equal(SecurityLevel.Plaintext, verdict.Level);
        Assert.Contains(FindingCodes.DowngradeSuspected, verdict.Codes());
    }

    [Fact]
    public void A_failed_handshake_with_secure_tlsa_is_a_suspected_downgrade()
    {
        var host = Host("mx.example.com", Failed(ProbeOutcome.HandshakeFailed)) with { Dane = Tlsa(DnssecStatus.Secure, TlsaOutcome.NotChecked) };

        var verdict = VerdictRules.Decide(Input(host));

        Assert.Equal([FindingCodes.TlsHandshakeFailed, FindingCodes.DowngradeSuspected], verdict.Codes());
        Assert.Equal(DaneStatus.Mismatch, verdict.Dane.Status);
    }

    [Fact]
    public void No_starttls_without_any_published_policy_is_not_a_suspected_downgrade()
    {
        var host = Host("mx.example.com", NoStartTls()) with { Dane = Tlsa(DnssecStatus.Insecure, TlsaOutcome.NotChecked) };

        var verdict = VerdictRules.Decide(Input(host));

        Assert.DoesNotContain(FindingCodes.DowngradeSuspected, verdict.Codes());
    }

    [Fact]
    public void Secure_matching_tlsa_on_every_mx_makes_the_domain_enforced_by_dane()
    {
        var verdict = VerdictRules.Decide(Input(
            Host("mx1.example.com", Tls()) with { Dane = Tlsa(DnssecStatus.Secure, TlsaOutcome.Match) },
            Host("mx2.example.com", Tls()) with { Dane = Tlsa(DnssecStatus.Secure, TlsaOutcome.Match) }));

        Assert.Equal(SecurityLevel.Enforced, verdict.Level);
        Assert.Equal([FindingCodes.DaneValid], verdict.Codes());
        Assert.Equal(DaneStatus.Valid, verdict.Dane.Status);
    }

    [Fact]
    public void Dane_ee_enforces_even_with_a_self_signed_expired_certificate_for_another_name()
    {
        var cert = Cert(trusted: false, nameMatches: false, expired: true);
        var host = Host("mx.example.com", Tls(cert: cert)) with { Dane = Tlsa(DnssecStatus.Secure, TlsaOutcome.Match) };

        var verdict = VerdictRules.Decide(Input(host));

        Assert.Equal(SecurityLevel.Enforced, verdict.Level);
        Assert.Equal([FindingCodes.DaneValid], verdict.Codes());
    }

    [Fact]
    public void Secure_tlsa_on_only_one_of_two_mx_is_partial_and_the_weaker_mx_decides()
    {
        var verdict = VerdictRules.Decide(Input(
            Host("mx1.example.com", Tls()) with { Dane = Tlsa(DnssecStatus.Secure, TlsaOutcome.Match) },
            Host("mx2.example.com", Tls())));

        Assert.Equal(SecurityLevel.Verified, verdict.Level);
        Assert.Equal(SecurityLevel.Enforced, verdict.Hosts[0].Level);
        Assert.Equal(DaneStatus.Partial, verdict.Dane.Status);
        Assert.DoesNotContain(FindingCodes.DaneValid, verdict.Codes());
    }

    [Fact]
    public void A_secure_tlsa_mismatch_caps_the_host_at_encrypted_and_is_reported()
    {
        var host = Host("mx.example.com", Tls()) with { Dane = Tlsa(DnssecStatus.Secure, TlsaOutcome.Mismatch) };

        var verdict = VerdictRules.Decide(Input(host));

        Assert.Equal(SecurityLevel.Encrypted, verdict.Level);
        Assert.Equal([FindingCodes.TlsaMismatch], verdict.Codes());
        Assert.Equal(DaneStatus.Mismatch, verdict.Dane.Status);
    }

    [Fact]
    public void Matching_tlsa_without_dnssec_does_not_enforce_and_is_summarised_as_insecure()
    {
        var host = Host("mx.example.com", Tls()) with { Dane = Tlsa(DnssecStatus.Insecure, TlsaOutcome.Match) };

        var verdict = VerdictRules.Decide(Input(host));

        Assert.Equal(SecurityLevel.Verified, verdict.Level);
        Assert.Empty(verdict.Findings);
        Assert.Equal(DaneStatus.Insecure, verdict.Dane.Status);
    }

    [Fact]
    public void An_insecure_tlsa_mismatch_is_not_held_against_the_host()
    {
        var host = Host("mx.example.com", Tls()) with { Dane = Tlsa(DnssecStatus.Insecure, TlsaOutcome.Mismatch) };

        Assert.Equal(SecurityLevel.Verified, VerdictRules.Decide(Input(host)).Level);
    }

    [Fact]
    public void Bogus_tlsa_is_reported_as_dnssec_invalid()
    {
        var host = Host("mx.example.com", Tls()) with { Dane = new TlsaReport(DnssecStatus.Bogus, [], TlsaOutcome.None, null) };

        var verdict = VerdictRules.Decide(Input(host));

        Assert.Equal([new Finding(FindingCodes.DnssecInvalid, "mx.example.com", "the TLSA lookup failed DNSSEC validation")], verdict.Findings);
        Assert.Equal(DaneStatus.Bogus, verdict.Dane.Status);
    }

    [Fact]
    public void Secure_but_unusable_tlsa_leaves_the_level_to_the_certificate()
    {
        var host = Host("mx.example.com", Tls()) with { Dane = Tlsa(DnssecStatus.Secure, TlsaOutcome.Unusable) };

        var verdict = VerdictRules.Decide(Input(host));

        Assert.Equal(SecurityLevel.Verified, verdict.Level);
        Assert.Equal(DaneStatus.Unusable, verdict.Dane.Status);
    }

    [Fact]
    public void Without_tlsa_records_the_dane_summary_is_none_and_carries_the_mx_lookup_security()
    {
        var verdict = VerdictRules.Decide(Input(Host("mx.example.com", Tls())) with { MxLookupSecure = true });

        Assert.Equal(DaneStatus.None, verdict.Dane.Status);
        Assert.True(verdict.Dane.MxLookupSecure);
    }

    [Fact]
    public void Dane_and_mta_sts_together_enforce_a_domain_whose_hosts_each_pass_one_of_them()
    {
        var input = Input(
            Host("mx1.example.com", Tls(cert: Cert(trusted: false))) with { Dane = Tlsa(DnssecStatus.Secure, TlsaOutcome.Match) },
            Host("mx2.example.com", Tls())) with { MtaSts = Sts(MtaStsMode.Enforce) };

        var verdict = VerdictRules.Decide(input);

        Assert.Equal(SecurityLevel.Enforced, verdict.Level);
        Assert.Equal([FindingCodes.MtaStsEnforce], verdict.Codes());
    }

    [Fact]
    public void Egress_blocked_still_reports_the_dane_summary_and_mta_sts_problems()
    {
        var host = Host("mx.example.com", Failed(ProbeOutcome.Timeout)) with { Dane = Tlsa(DnssecStatus.Secure, TlsaOutcome.NotChecked) };
        var sts = new MtaStsReport(MtaStsStatus.FetchError, "id", null, null, [], "connection refused", false);

        var verdict = VerdictRules.Decide(new VerdictInput(MxLookupStatus.Found, null, [host], sts, SmtpEgressBlocked: true));

        Assert.Equal(SecurityLevel.Unknown, verdict.Level);
        Assert.Equal([FindingCodes.SmtpEgressBlocked, FindingCodes.StsPolicyFetchError, FindingCodes.Timeout], verdict.Codes());
        Assert.Equal(DaneStatus.Partial, verdict.Dane.Status);
    }
}
