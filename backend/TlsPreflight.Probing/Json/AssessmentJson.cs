using System.Text.Json;
using System.Text.Json.Serialization;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Probing.Json;

/// <summary>The one JSON shape of assessments, used by the CLI (`--json`) and the API. <see cref="Serialize(IEnumerable{DomainAssessment}, bool)"/>
/// goes through source-generated metadata (<see cref="AssessmentJsonContext"/>), so the Native AOT CLI needs no
/// reflection; <see cref="Options"/> and <see cref="Configure"/> are the reflection-based twins the API uses, and write
/// the same bytes (tests compare them).</summary>
public static class AssessmentJson
{
    private static JsonSerializerOptions? options;
    private static JsonSerializerOptions? indented;
    private static readonly AssessmentJsonContext IndentedContext = new(new JsonSerializerOptions(AssessmentJsonContext.Default.Options) { WriteIndented = true });

    public static JsonSerializerOptions Options => options ??= Create(writeIndented: false);
    public static JsonSerializerOptions Indented => indented ??= Create(writeIndented: true);

    /// <summary>Configure other serializer options (e.g. ASP.NET's) to write assessments in the same shape.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    }

    /// <summary>`{"domains": [ ... ]}`</summary>
    public static string Serialize(IEnumerable<DomainAssessment> assessments, bool indented = false)
        => JsonSerializer.Serialize(new AssessmentList([.. assessments]), Context(indented).AssessmentList);

    public static string Serialize(DomainAssessment assessment, bool indented = false)
        => JsonSerializer.Serialize(assessment, Context(indented).DomainAssessment);

    private static AssessmentJsonContext Context(bool indented) => indented ? IndentedContext : AssessmentJsonContext.Default;

    private static JsonSerializerOptions Create(bool writeIndented)
    {
        var created = new JsonSerializerOptions { WriteIndented = writeIndented };
        Configure(created);
        return created;
    }
}

/// <summary>The `--json` document: the assessments under `domains`.</summary>
public sealed record AssessmentList(IReadOnlyList<DomainAssessment> Domains);

/// <summary>Source-generated metadata for the assessment JSON: camelCase names, nothing omitted, every enum of the
/// model as a kebab-case string (a test checks that each enum reachable from <see cref="DomainAssessment"/> is here).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(KebabCase<SecurityLevel>), typeof(KebabCase<ProbeOutcome>), typeof(KebabCase<HandshakeFailureKind>),
        typeof(KebabCase<ProbeStep>), typeof(KebabCase<TlsRptStatus>), typeof(KebabCase<MtaStsStatus>), typeof(KebabCase<MtaStsMode>),
        typeof(KebabCase<DaneStatus>), typeof(KebabCase<DnssecStatus>), typeof(KebabCase<TlsaOutcome>)])]
[JsonSerializable(typeof(AssessmentList))]
[JsonSerializable(typeof(DomainAssessment))]
public sealed partial class AssessmentJsonContext : JsonSerializerContext;

/// <summary>An enum written as its kebab-case name (RFC-style statuses such as `no-mail`, `handshake-failed`).</summary>
public sealed class KebabCase<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower) where TEnum : struct, Enum;

/// <summary>The word <see cref="KebabCase{TEnum}"/> writes for a value, for text that names it outside JSON
/// (tables, telemetry tags, the admin page), so those say what the JSON says.</summary>
public static class KebabCase
{
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
