using System.Text.Json;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Tests.Json;

public sealed class AssessmentJsonTests
{
    [Fact]
    public void Levels_and_outcomes_are_written_in_kebab_case_inside_a_domains_array()
    {
        var assessment = new DomainAssessment("example.com", SecurityLevel.NoMail,
            [new Finding(FindingCodes.NullMx)], [], MtaStsReport.NoRecord, DaneReport.None, TlsRptReport.None,
            DateTimeOffset.UnixEpoch, 12);

        using var doc = JsonDocument.Parse(AssessmentJson.Serialize([assessment]));
        var first = doc.RootElement.GetProperty("domains")[0];

        Assert.Equal("no-mail", first.GetProperty("level").GetString());
        Assert.Equal("null-mx", first.GetProperty("findings")[0].GetProperty("code").GetString());
        Assert.Equal(12, first.GetProperty("elapsedMs").GetInt64());
        Assert.Equal("none", first.GetProperty("mtaSts").GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(TlsRptStatus.None, "none")]
    [InlineData(TlsRptStatus.Valid, "valid")]
    [InlineData(TlsRptStatus.Invalid, "invalid")]
    public void The_tls_rpt_status_is_written_as_the_same_word_as_before_and_read_back(TlsRptStatus status, string word)
    {
        var assessment = new DomainAssessment("example.com", SecurityLevel.NoMail, [], [], MtaStsReport.NoRecord,
            DaneReport.None, new TlsRptReport(status, [], null), DateTimeOffset.UnixEpoch, 1);

        var json = AssessmentJson.Serialize(assessment);
        using var doc = JsonDocument.Parse(json);

        Assert.Equal(word, doc.RootElement.GetProperty("tlsRpt").GetProperty("status").GetString());
        Assert.Equal(status, JsonSerializer.Deserialize<DomainAssessment>(json, AssessmentJson.Options)!.TlsRpt.Status);
    }
}
