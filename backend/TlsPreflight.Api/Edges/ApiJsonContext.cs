using System.Text.Json.Serialization;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Edges;

/// <summary>Source-generated contracts for the types the API reads and writes, so no request builds them by reflection.
/// Names, enums and strictness still come from <see cref="ApiJson"/>'s options: this context only supplies the metadata.</summary>
[JsonSerializable(typeof(AssessmentsApi.AssessmentRequest))]
[JsonSerializable(typeof(SendDecision))]
[JsonSerializable(typeof(ShownDecision))]
[JsonSerializable(typeof(DomainAssessment))]
[JsonSerializable(typeof(TenantPolicy))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
