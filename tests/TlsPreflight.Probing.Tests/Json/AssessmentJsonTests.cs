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

public sealed class GeneratedAssessmentJsonTests
{
    [Fact]
    public void Every_enum_an_assessment_holds_is_written_in_kebab_case_by_the_generated_context()
    {
        var listed = AssessmentJsonContext.Default.Options.Converters
            .Select(c => c.GetType()).Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(KebabCase<>))
            .Select(t => t.GetGenericArguments()[0]).ToHashSet();

        var reachable = EnumsReachableFrom(typeof(DomainAssessment));

        Assert.NotEmpty(reachable);
        Assert.All(reachable, e => Assert.Contains(e, listed));
    }

    [Fact]
    public void The_generated_and_the_reflection_based_json_are_the_same_bytes()
    {
        var assessment = new DomainAssessment("example.com", SecurityLevel.NoMail,
            [new Finding(FindingCodes.NullMx, Detail: "x")], [], MtaStsReport.NoRecord, DaneReport.None, TlsRptReport.None,
            DateTimeOffset.UnixEpoch, 12);

        Assert.Equal(JsonSerializer.Serialize(assessment, AssessmentJson.Options), AssessmentJson.Serialize(assessment));
        Assert.Equal(JsonSerializer.Serialize(assessment, AssessmentJson.Indented), AssessmentJson.Serialize(assessment, indented: true));
    }

    private static HashSet<Type> EnumsReachableFrom(Type root)
    {
        var seen = new HashSet<Type>();
        var enums = new HashSet<Type>();
        void Walk(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type) || type == typeof(string))
                return;
            if (type.IsEnum)
            {
                enums.Add(type);
                return;
            }
            if (type.IsArray)
                Walk(type.GetElementType()!);
            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
                Walk(argument);
            if (type.Namespace?.StartsWith("TlsPreflight", StringComparison.Ordinal) == true)
                foreach (var property in type.GetProperties())
                    Walk(property.PropertyType);
        }
        Walk(root);
        return enums;
    }
}
