using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Hybrid;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Caching;

/// <summary>Assessments in the second-level cache use the engine's own JSON shape.</summary>
public sealed class AssessmentCacheSerializer : IHybridCacheSerializer<DomainAssessment>
{
    public DomainAssessment Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new Utf8JsonReader(source);
        return JsonSerializer.Deserialize<DomainAssessment>(ref reader, AssessmentJson.Options)
            ?? throw new JsonException("A cached assessment was null.");
    }

    public void Serialize(DomainAssessment value, IBufferWriter<byte> target)
    {
        using var writer = new Utf8JsonWriter(target);
        JsonSerializer.Serialize(writer, value, AssessmentJson.Options);
    }
}
