using TlsPreflight.Probing.Dns;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;
using TlsPreflight.Probing.Verdict;
using static TlsPreflight.Probing.Tests.Verdict.Evidence;

namespace TlsPreflight.Probing.Tests.Verdict;

/// <summary>The assessor hands over evidence per MX host; the verdict concludes the level and the MTA-STS match and
/// maps both into the published <see cref="MxHostReport"/> once.</summary>
public sealed class HostReportTests
{
    [Fact]
    public void The_verdict_decides_from_the_policys_mx_patterns_which_hosts_it_lists()
    {
        var verdict = VerdictRules.Decide(Input(Host("mx1.example.com", Tls()), Host("other.example.net", Tls()))
            with { MtaSts = Sts(MtaStsMode.Testing) });

        Assert.Equal([true, false], verdict.Hosts.Select(h => h.MtaStsMatch));
    }

    [Theory]
    [InlineData(MtaStsStatus.None)]
    [InlineData(MtaStsStatus.FetchError)]
    [InlineData(MtaStsStatus.PolicyInvalid)]
    public void Without_a_policy_in_force_no_host_is_said_to_match_or_not(MtaStsStatus status)
    {
        // The patterns of a report that is not valid are not a policy (RFC 8461 §3.3: no policy, no MTA-STS).
        var sts = new MtaStsReport(status, "id", null, null, ["*.example.com"], "why", false);

        var verdict = VerdictRules.Decide(Input(Host("mx.example.com", Tls())) with { MtaSts = sts });

        Assert.Null(Assert.Single(verdict.Hosts).MtaStsMatch);
    }

    [Fact]
    public void Each_host_is_published_with_its_evidence_unchanged_and_the_level_the_verdict_gave_it()
    {
        var tlsa = Tlsa(DnssecStatus.Secure, TlsaOutcome.Match);
        var evidence = new MxHostEvidence("mx.example.com", 20, true, "real.example.net", [Tls()], tlsa);

        var report = Assert.Single(VerdictRules.Decide(Input(evidence)).Hosts);

        Assert.Equal(new MxHostReport("mx.example.com", 20, true, "real.example.net", evidence.Probes, SecurityLevel.Enforced, tlsa, null), report);
    }

    [Fact]
    public void Hosts_of_a_failed_mx_lookup_are_published_unjudged_with_their_policy_match()
    {
        var input = new VerdictInput(MxLookupStatus.DnsError, "SERVFAIL", [Host("mx.example.com", Tls())], Sts(MtaStsMode.Enforce), false);

        var report = Assert.Single(VerdictRules.Decide(input).Hosts);

        Assert.Equal(SecurityLevel.Unknown, report.Level);
        Assert.True(report.MtaStsMatch);
    }
}
