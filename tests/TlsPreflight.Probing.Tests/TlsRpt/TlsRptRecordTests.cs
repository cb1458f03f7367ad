using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.TlsRpt;

namespace TlsPreflight.Probing.Tests.TlsRpt;

public sealed class TlsRptRecordTests
{
    [Theory]
    // RFC 8460 §3 examples
    [InlineData("v=TLSRPTv1;rua=mailto:reports@example.com", new[] { "mailto:reports@example.com" })]
    [InlineData("v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt", new[] { "https://reporting.example.com/v1/tlsrpt" })]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com, https://r.example.com/x ;", new[] { "mailto:a@example.com", "https://r.example.com/x" })]
    [InlineData("v=TLSRPTv1 ; rua=mailto:a@example.com; ext=1", new[] { "mailto:a@example.com" })]
    [InlineData("v=TLSRPTv1; rua=mailto:first@example.com; rua=mailto:second@example.com", new[] { "mailto:first@example.com" })]
    public void Parse_reads_a_valid_record_and_its_rua_list(string txt, string[] rua)
    {
        var report = TlsRptRecord.Parse(["v=spf1 -all", txt]);

        Assert.Equal(TlsRptStatus.Valid, report.Status);
        Assert.Equal(rua, report.Rua);
        Assert.Null(report.Error);
    }

    public static TheoryData<string[]> WithoutTlsRpt => new()
    {
        Array.Empty<string>(),
        new[] { "v=spf1 -all" },
        new[] { "v=TLSRPTv10; rua=mailto:a@example.com" },
        new[] { "V=TLSRPTv1; rua=mailto:a@example.com" },
    };

    [Theory]
    [MemberData(nameof(WithoutTlsRpt))]
    public void Parse_reports_none_when_no_tls_rpt_record_exists(string[] txt)
    {
        var report = TlsRptRecord.Parse(txt);

        Assert.Equal(TlsRptStatus.None, report.Status);
        Assert.Empty(report.Rua);
    }

    [Theory]
    [InlineData("v=TLSRPTv1", "no rua")]
    [InlineData("v=TLSRPTv1;", "no rua")]
    [InlineData("v=TLSRPTv1; rua=", "empty")]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com,", "empty")]
    [InlineData("v=TLSRPTv1; rua=http://insecure.example.com/", "not a mailto: or https:")]
    [InlineData("v=TLSRPTv1; rua=ftp://example.com/", "not a mailto: or https:")]
    [InlineData("v=TLSRPTv1; rua=reports@example.com", "not a mailto: or https:")]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com; bad field", "not name=value")]
    [InlineData("v=TLSRPTv1; rua=mailto:a@example.com;; ext=1", "not name=value")]
    public void Parse_reports_an_invalid_record_with_the_reason(string txt, string expectedError)
    {
        var report = TlsRptRecord.Parse([txt]);

        Assert.Equal(TlsRptStatus.Invalid, report.Status);
        Assert.Contains(expectedError, report.Error);
    }

    [Fact]
    public void Parse_treats_two_records_as_invalid()
    {
        var report = TlsRptRecord.Parse(["v=TLSRPTv1; rua=mailto:a@example.com", "v=TLSRPTv1; rua=mailto:b@example.com"]);

        Assert.Equal(TlsRptStatus.Invalid, report.Status);
        Assert.Contains("exactly one", report.Error);
    }
}
