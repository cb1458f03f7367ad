using System.Text.Json;
using TlsPreflight.Probing.Json;

namespace TlsPreflight.Probing.Tests.Integration;

/// <summary>The CLI's source-generated JSON and the API's reflection-based JSON of a full assessment (hosts, probes,
/// TLS session, certificate) are the same document.</summary>
public sealed class AssessmentJsonTwinTests(LabFixture lab)
{
    [Fact]
    public async Task A_verified_domain_is_written_the_same_by_the_cli_and_the_api()
    {
        var (domain, _, _) = lab.VerifiedDomain("jsontwin");
        await using var engine = new LabEngine(lab);

        var assessment = await engine.AssessAsync(domain, TestContext.Current.CancellationToken);

        Assert.NotEmpty(assessment.MxHosts[0].Probes);
        Assert.Equal(JsonSerializer.Serialize(new { domains = new[] { assessment } }, AssessmentJson.Indented),
            AssessmentJson.Serialize([assessment], indented: true));
    }
}
