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
}
