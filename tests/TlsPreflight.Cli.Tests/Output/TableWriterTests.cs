using TlsPreflight.Cli.Output;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Cli.Tests.Output;

public sealed class TableWriterTests
{
    private static readonly ProbeTimings Timings = new(3, 4, 5, 6, 7, 123);

    private static SmtpProbeResult TlsProbe(string address, bool trusted) => new(address, 25, ProbeOutcome.Completed, null, null, 221, "220 mx1", true,
        new TlsSessionReport("TLSv1.3", "TLS_AES_256_GCM_SHA384",
            new CertificateReport("CN=mx1.example.com", "CN=CA", DateTimeOffset.UnixEpoch, new DateTimeOffset(2031, 5, 6, 0, 0, 0, TimeSpan.Zero),
                ["mx1.example.com"], "ff", trusted, trusted ? null : "self-signed", true, false),
            ["CN=mx1.example.com"], []),
        Timings);

    private static DomainAssessment Sample()
    {
        MxHostReport[] hosts =
        [
            new("mx1.example.com", 10, false, null, [TlsProbe("192.0.2.1", true), TlsProbe("2001:db8::1", false)], SecurityLevel.Encrypted,
                new TlsaReport(DnssecStatus.Secure, [new TlsaRecordData(3, 1, 1, "aa")], TlsaOutcome.Mismatch, null), true),
            new("mx2.example.com", 20, false, null,
                [new SmtpProbeResult("192.0.2.2", 25, ProbeOutcome.Timeout, ProbeStep.Banner, "no banner within 10 s", null, null, false, null, Timings)],
                SecurityLevel.Unknown, TlsaReport.None, false),
        ];
        return new DomainAssessment("example.com", SecurityLevel.Encrypted,
            [new Finding(FindingCodes.MtaStsTesting), new Finding(FindingCodes.CertificateNotTrusted, "mx1.example.com", "self-signed")],
            hosts,
            new MtaStsReport(MtaStsStatus.Valid, "20240101", MtaStsMode.Testing, 86400, ["mx1.example.com"], null, false),
            new DaneReport(DaneStatus.Mismatch, false, "no TLSA match on mx1.example.com"),
            new TlsRptReport(TlsRptStatus.Valid, ["mailto:tls@example.com"], null),
            new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), 812);
    }

    private static string Render(params DomainAssessment[] assessments)
    {
        var output = new StringWriter();
        TableWriter.Write(output, assessments);
        return output.ToString();
    }

    [Fact]
    public void The_heading_shows_domain_level_time_and_what_the_level_means()
    {
        var text = Render(Sample());

        Assert.StartsWith("example.com: encrypted   (812 ms, checked 2026-11-28 12:00:00 UTC)", text);
        Assert.Contains("safe from eavesdroppers, not from someone who intercepts", text);
    }

    [Fact]
    public void Each_mx_address_gets_a_row_with_starttls_tls_certificate_dane_mta_sts_level_and_time()
    {
        var lines = Render(Sample()).Split(Environment.NewLine);

        var header = Assert.Single(lines, l => l.TrimStart().StartsWith("MX ", StringComparison.Ordinal));
        Assert.Matches(@"MX\s+PREF\s+ADDRESS\s+STARTTLS\s+TLS\s+CERTIFICATE\s+DANE\s+MTA-STS\s+LEVEL\s+TIME", header);
        Assert.Matches(@"mx1\.example\.com\s+10\s+192\.0\.2\.1\s+yes\s+TLSv1\.3\s+valid to 2031-05-06\s+mismatch \(secure\)\s+listed\s+encrypted\s+123 ms", Assert.Single(lines, l => l.Contains("192.0.2.1")));
        Assert.Matches(@"^\s+2001:db8::1\s+yes\s+TLSv1\.3\s+untrusted\s", Assert.Single(lines, l => l.Contains("2001:db8::1")));
        Assert.Matches(@"mx2\.example\.com\s+20\s+192\.0\.2\.2\s+timeout \(banner\)\s+-\s+-\s+none\s+NOT listed\s+unknown", Assert.Single(lines, l => l.Contains("192.0.2.2")));
    }

    [Fact]
    public void The_columns_line_up()
    {
        var lines = Render(Sample()).Split(Environment.NewLine);
        var column = lines.Single(l => l.TrimStart().StartsWith("MX ", StringComparison.Ordinal)).IndexOf("STARTTLS", StringComparison.Ordinal);

        Assert.Equal(column, lines.Single(l => l.Contains("192.0.2.1")).IndexOf("yes", StringComparison.Ordinal));
        Assert.Equal(column, lines.Single(l => l.Contains("2001:db8::1")).IndexOf("yes", StringComparison.Ordinal));
        Assert.Equal(column, lines.Single(l => l.Contains("192.0.2.2")).IndexOf("timeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Findings_are_written_in_plain_words_with_host_and_code()
    {
        var text = Render(Sample());

        Assert.Contains("    - mx1.example.com: The mail server's certificate does not chain to a trusted authority (for example, it is self-signed). (self-signed) [certificate-not-trusted]", text);
        Assert.Contains("    - The domain publishes an MTA-STS policy in testing mode: reports only, no enforcement. [mta-sts-testing]", text);
    }

    [Fact]
    public void Policies_show_mta_sts_dane_and_tls_rpt()
    {
        var text = Render(Sample());

        Assert.Contains("MTA-STS  valid, mode testing, max_age 86400, mx mx1.example.com", text);
        Assert.Contains("DANE     mismatch: no TLSA match on mx1.example.com", text);
        Assert.Contains("TLS-RPT  valid, reports to mailto:tls@example.com", text);
    }

    [Fact]
    public void A_domain_without_mx_hosts_has_no_table()
    {
        var assessment = new DomainAssessment("nomail.example", SecurityLevel.NoMail, [new Finding(FindingCodes.NullMx)], [],
            MtaStsReport.NoRecord, DaneReport.None, TlsRptReport.None, DateTimeOffset.UnixEpoch, 3);

        var text = Render(assessment);

        Assert.StartsWith("nomail.example: no-mail", text);
        Assert.DoesNotContain("STARTTLS", text);
        Assert.Contains("accepts no mail (null MX)", text);
    }

    [Fact]
    public void Several_domains_are_written_one_after_the_other()
    {
        var second = Sample() with { Domain = "example.net", Level = SecurityLevel.Verified };

        var text = Render(Sample(), second);

        Assert.True(text.IndexOf("example.com: encrypted", StringComparison.Ordinal) < text.IndexOf("example.net: verified", StringComparison.Ordinal));
    }
}
