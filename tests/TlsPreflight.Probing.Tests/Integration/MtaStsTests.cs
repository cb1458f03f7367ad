using System.Security.Cryptography.X509Certificates;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;
using TlsPreflight.TestLab.Certificates;
using TlsPreflight.TestLab.Https;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>MTA-STS (RFC 8461) with the policy served by the lab HTTPS server and found through the lab DNS.</summary>
public sealed class MtaStsTests(LabFixture lab)
{
    /// <summary>A verified MX plus `_mta-sts` TXT and `mta-sts.{domain}` served with the given response.</summary>
    private (string Domain, string MxHost, string PolicyHost) StsDomain(string label, Func<string, LabHttpResponse> response,
        X509Certificate2? policyCertificate = null, string recordId = "20261128a", Func<string, X509Certificate2>? certificateFor = null)
    {
        var (domain, mxHost, _) = lab.VerifiedDomain(label);
        var policyHost = $"mta-sts.{domain}";
        lab.Zone.Txt($"_mta-sts.{domain}", $"v=STSv1; id={recordId};").A(policyHost, lab.Https.Address);
        lab.Https.Route(policyHost, policyCertificate ?? certificateFor?.Invoke(policyHost) ?? lab.Authority.Issue(policyHost), response(mxHost), lab.Authority.Chain);
        return (domain, mxHost, policyHost);
    }

    [Fact]
    public async Task An_enforce_policy_that_lists_the_verified_mx_makes_the_domain_enforced()
    {
        var (domain, mxHost, _) = StsDomain("sts", mx => LabHttpResponse.Policy("enforce", 86400, mx));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Enforced, result.Level);
        result.HasFinding(FindingCodes.MtaStsEnforce);
        Assert.Equal(MtaStsStatus.Valid, result.MtaSts.Status);
        Assert.Equal(MtaStsMode.Enforce, result.MtaSts.Mode);
        Assert.Equal("20261128a", result.MtaSts.RecordId);
        Assert.Equal([mxHost], result.MtaSts.MxPatterns);
        Assert.True(Assert.Single(result.MxHosts).MtaStsMatch);
    }

    [Fact]
    public async Task A_wildcard_pattern_matches_the_mx_by_its_left_most_label()
    {
        var (domain, _, _) = StsDomain("stswild", mx => LabHttpResponse.Policy("enforce", 86400, "*." + mx[(mx.IndexOf('.') + 1)..]));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Enforced, result.Level);
    }

    [Fact]
    public async Task An_enforce_policy_that_does_not_list_the_mx_is_a_mismatch_and_not_enforced()
    {
        var (domain, _, _) = StsDomain("stsmismatch", _ => LabHttpResponse.Policy("enforce", 86400, "mx.elsewhere.example"));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Verified, result.Level);
        result.HasFinding(FindingCodes.StsMxMismatch);
        Assert.False(Assert.Single(result.MxHosts).MtaStsMatch);
    }

    [Fact]
    public async Task A_testing_policy_is_reported_but_does_not_raise_the_level()
    {
        var (domain, _, _) = StsDomain("ststesting", mx => LabHttpResponse.Policy("testing", 86400, mx));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(SecurityLevel.Verified, result.Level);
        result.HasFinding(FindingCodes.MtaStsTesting);
        Assert.Equal(MtaStsMode.Testing, result.MtaSts.Mode);
    }

    [Fact]
    public async Task A_redirect_is_refused_and_not_followed()
    {
        var (domain, _, _) = StsDomain("stsredirect", _ => new LabHttpResponse(301, Location: "https://evil.example/policy.txt"));
        await using var engine = new LabEngine(lab);
        var requestsBefore = lab.Https.RequestCount;

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.FetchError, result.MtaSts.Status);
        Assert.Contains("redirect", result.MtaSts.Error);
        result.HasFinding(FindingCodes.StsPolicyFetchError);
        Assert.Equal(SecurityLevel.Verified, result.Level);
        Assert.Equal(1, lab.Https.RequestCount - requestsBefore);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(204)]
    public async Task A_status_other_than_200_is_a_fetch_error(int status)
    {
        var (domain, _, _) = StsDomain($"sts{status}", mx => LabHttpResponse.Policy("enforce", 86400, mx) with { Status = status });
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.FetchError, result.MtaSts.Status);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), result.MtaSts.Error);
        Assert.NotEqual(SecurityLevel.Enforced, result.Level);
    }

    [Fact]
    public async Task A_policy_larger_than_64_kib_is_refused()
    {
        var (domain, _, _) = StsDomain("stsbig", mx =>
        {
            var policy = LabHttpResponse.Policy("enforce", 86400, mx);
            return policy with { Body = policy.Body + new string('#', 70 * 1024) };
        });
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.FetchError, result.MtaSts.Status);
        Assert.Contains("65536", result.MtaSts.Error);
    }

    [Fact]
    public async Task A_policy_not_served_as_text_plain_is_invalid()
    {
        var (domain, _, _) = StsDomain("stshtml", mx => LabHttpResponse.Policy("enforce", 86400, mx) with { ContentType = "text/html" });
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.PolicyInvalid, result.MtaSts.Status);
        Assert.Contains("text/html", result.MtaSts.Error);
        result.HasFinding(FindingCodes.StsPolicyInvalid);
    }

    [Fact]
    public async Task A_policy_host_with_an_untrusted_certificate_is_webpki_invalid_and_says_the_chain_is_untrusted()
    {
        var (domain, _, _) = StsDomain("stsbadcert", mx => LabHttpResponse.Policy("enforce", 86400, mx),
            certificateFor: host => TestCertificateAuthority.SelfSigned(host));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.WebpkiInvalid, result.MtaSts.Status);
        var detail = Assert.Single(result.Findings, f => f.Code == FindingCodes.StsWebPkiInvalid).Detail;
        Assert.Contains("untrusted chain", detail);
        Assert.DoesNotContain("name mismatch", detail);
        Assert.DoesNotContain("expired", detail);
        result.LacksFinding(FindingCodes.StsPolicyFetchError);
        Assert.NotEqual(SecurityLevel.Enforced, result.Level);
    }

    [Fact]
    public async Task A_policy_host_with_a_trusted_certificate_for_another_name_is_webpki_invalid_with_a_name_mismatch()
    {
        var (domain, _, policyHost) = StsDomain("stswrongname", mx => LabHttpResponse.Policy("enforce", 86400, mx),
            policyCertificate: lab.Authority.Issue("mta-sts.other.example"));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.WebpkiInvalid, result.MtaSts.Status);
        var detail = Assert.Single(result.Findings, f => f.Code == FindingCodes.StsWebPkiInvalid).Detail;
        Assert.Contains($"name mismatch: the certificate is for mta-sts.other.example, not {policyHost}", detail);
        Assert.DoesNotContain("untrusted", detail);
    }

    [Fact]
    public async Task A_policy_host_with_an_expired_trusted_certificate_is_webpki_invalid_and_says_expired()
    {
        var (domain, _, _) = StsDomain("stsexpired", mx => LabHttpResponse.Policy("enforce", 86400, mx),
            certificateFor: host => lab.Authority.IssueExpired(host));
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.WebpkiInvalid, result.MtaSts.Status);
        var detail = Assert.Single(result.Findings, f => f.Code == FindingCodes.StsWebPkiInvalid).Detail;
        Assert.Contains("expired: valid until", detail);
        Assert.DoesNotContain("untrusted", detail);
        Assert.DoesNotContain("name mismatch", detail);
    }

    [Fact]
    public async Task A_policy_server_slower_than_the_fetch_timeout_is_a_fetch_error()
    {
        var (domain, _, _) = StsDomain("stsslow", mx => LabHttpResponse.Policy("enforce", 86400, mx) with { Delay = TimeSpan.FromSeconds(5) });
        await using var engine = new LabEngine(lab, o => o.MtaStsFetchTimeout = TimeSpan.FromMilliseconds(800));

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.FetchError, result.MtaSts.Status);
        Assert.Equal(SecurityLevel.Verified, result.Level);
    }

    [Fact]
    public async Task A_cached_policy_is_reused_until_the_record_id_changes()
    {
        var (domain, mxHost, _) = StsDomain("stscache", mx => LabHttpResponse.Policy("enforce", 86400, mx), recordId: "one");
        await using var engine = new LabEngine(lab);
        var requests = lab.Https.RequestCount;

        var first = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);
        var second = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);
        var afterTwo = lab.Https.RequestCount;
        lab.Zone.Remove($"_mta-sts.{domain}").Txt($"_mta-sts.{domain}", "v=STSv1; id=two;");
        var third = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.False(first.MtaSts.FromCache);
        Assert.True(second.MtaSts.FromCache);
        Assert.Equal(1, afterTwo - requests);
        Assert.False(third.MtaSts.FromCache);
        Assert.Equal("two", third.MtaSts.RecordId);
        Assert.Equal(2, lab.Https.RequestCount - requests);
        Assert.Equal(SecurityLevel.Enforced, third.Level);
        Assert.Equal([mxHost], third.MtaSts.MxPatterns);
    }

    [Fact]
    public async Task A_failed_refetch_keeps_the_cached_policy_in_force()
    {
        var (domain, mxHost, policyHost) = StsDomain("stsfallback", mx => LabHttpResponse.Policy("enforce", 86400, mx), recordId: "one");
        await using var engine = new LabEngine(lab);
        await engine.AssessAsync(domain, TestContext.Current.CancellationToken);
        lab.Https.Respond(policyHost, new LabHttpResponse(500, "down"));
        lab.Zone.Remove($"_mta-sts.{domain}").Txt($"_mta-sts.{domain}", "v=STSv1; id=two;");

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.Valid, result.MtaSts.Status);
        Assert.True(result.MtaSts.FromCache);
        Assert.Equal("one", result.MtaSts.RecordId);
        Assert.Contains("500", result.MtaSts.Error);
        Assert.Equal(SecurityLevel.Enforced, result.Level);
        Assert.Equal([mxHost], result.MtaSts.MxPatterns);
    }

    [Fact]
    public async Task Two_sts_records_are_an_invalid_record_and_no_policy_is_fetched()
    {
        var (domain, _, _) = StsDomain("ststwo", mx => LabHttpResponse.Policy("enforce", 86400, mx));
        lab.Zone.Txt($"_mta-sts.{domain}", "v=STSv1; id=other;");
        await using var engine = new LabEngine(lab);
        var requests = lab.Https.RequestCount;

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(MtaStsStatus.RecordInvalid, result.MtaSts.Status);
        Assert.Equal(requests, lab.Https.RequestCount);
    }

    [Theory]
    [InlineData("v=STSv10; id=one;")]
    [InlineData("v=STSv1x; id=one;")]
    public async Task A_record_whose_version_only_begins_with_v_STSv1_is_no_record_not_an_invalid_one(string txt)
    {
        var (domain, _, _) = lab.VerifiedDomain("stsv1" + txt[7]);
        lab.Zone.Txt($"_mta-sts.{domain}", txt);
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        // RFC 8461 §3.1: a record that does not begin with `v=STSv1;` is not an MTA-STS record and is ignored.
        Assert.Equal(MtaStsStatus.None, result.MtaSts.Status);
        Assert.Null(result.MtaSts.Error);
    }

    [Fact]
    public async Task A_tls_rpt_record_is_reported_as_information()
    {
        var (domain, _, _) = lab.VerifiedDomain("tlsrpt");
        lab.Zone.Txt($"_smtp._tls.{domain}", "v=TLSRPTv1; rua=mailto:reports@example.net");
        await using var engine = new LabEngine(lab);

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(TlsRptStatus.Valid, result.TlsRpt.Status);
        Assert.Equal(["mailto:reports@example.net"], result.TlsRpt.Rua);
        result.HasFinding(FindingCodes.TlsRptPresent);
        Assert.Equal(SecurityLevel.Verified, result.Level);
    }

    [Fact]
    public async Task After_a_failed_fetch_without_a_cached_policy_the_policy_host_is_not_asked_again_during_the_back_off()
    {
        var (domain, _, _) = StsDomain("stsbackoff", _ => new LabHttpResponse(500, "down"));
        await using var engine = new LabEngine(lab);
        var requests = lab.Https.RequestCount;

        var first = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);
        var second = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);
        var third = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(1, lab.Https.RequestCount - requests);
        Assert.Contains("not fetched again before", first.MtaSts.Error);
        foreach (var later in new[] { second, third })
        {
            Assert.Equal(MtaStsStatus.FetchError, later.MtaSts.Status);
            var detail = Assert.Single(later.Findings, f => f.Code == FindingCodes.StsPolicyFetchError).Detail;
            Assert.Contains("500", detail);
            Assert.Contains("from the failed fetch at", detail);
            Assert.Contains("RFC 8461 §3.3 back-off", detail);
        }
    }

    [Fact]
    public async Task A_new_record_id_ends_the_back_off_and_the_policy_is_fetched_at_once()
    {
        var (domain, _, policyHost) = StsDomain("stsbackoffid", _ => new LabHttpResponse(500, "down"), recordId: "one");
        await using var engine = new LabEngine(lab);
        await engine.AssessAsync(domain, TestContext.Current.CancellationToken);
        lab.Https.Respond(policyHost, LabHttpResponse.Policy("enforce", 86400, "*.lab.test"));
        var requests = lab.Https.RequestCount;
        lab.Zone.Remove($"_mta-sts.{domain}").Txt($"_mta-sts.{domain}", "v=STSv1; id=two;");

        var result = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(1, lab.Https.RequestCount - requests);
        Assert.Equal(MtaStsStatus.Valid, result.MtaSts.Status);
    }

    [Fact]
    public async Task With_the_back_off_set_to_zero_every_assessment_fetches_again()
    {
        var (domain, _, _) = StsDomain("stsnobackoff", _ => new LabHttpResponse(500, "down"));
        await using var engine = new LabEngine(lab, o => o.MtaStsFetchBackoff = TimeSpan.Zero);
        var requests = lab.Https.RequestCount;

        await engine.AssessAsync(domain, TestContext.Current.CancellationToken);
        var second = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.Equal(2, lab.Https.RequestCount - requests);
        Assert.DoesNotContain("back-off", second.MtaSts.Error);
    }
}
