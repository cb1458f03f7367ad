using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Assessments;

/// <summary>Assessments in the second-level cache use the engine's own JSON shape. A lookup that may find
/// nothing (the last known level) hands a null through here, as JSON `null`.</summary>
public sealed class AssessmentCacheSerializer : IHybridCacheSerializer<DomainAssessment>
{
    public DomainAssessment Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return JsonSerializer.Deserialize<DomainAssessment>(ref reader, AssessmentJson.Options)!;
    }

    public void Serialize(DomainAssessment value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value, AssessmentJson.Options);
    }
}
