using System.Text.Json;
using System.Text.Json.Serialization;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Json;

/// <summary>The one JSON shape of assessments, used by the CLI (`--json`) and the API.</summary>
public static class AssessmentJson
{
    public static JsonSerializerOptions Options { get; } = Create(writeIndented: false);
    public static JsonSerializerOptions Indented { get; } = Create(writeIndented: true);

    /// <summary>Configure other serializer options (e.g. ASP.NET's) to write assessments in the same shape.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    }

    /// <summary>`{"domains": [ ... ]}`</summary>
    public static string Serialize(IEnumerable<DomainAssessment> assessments, bool indented = false)
        => JsonSerializer.Serialize(new { domains = assessments }, indented ? Indented : Options);

    public static string Serialize(DomainAssessment assessment, bool indented = false)
        => JsonSerializer.Serialize(assessment, indented ? Indented : Options);

    private static JsonSerializerOptions Create(bool writeIndented)
    {
        var options = new JsonSerializerOptions { WriteIndented = writeIndented };
        Configure(options);
        return options;
    }
}
