using TlsPreflight.Api.Assessments;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Unit;

public sealed class DomainResultTests
{
    [Fact]
    public void Every_field_of_the_engine_s_assessment_is_in_the_domain_result_with_its_type()
    {
        var result = typeof(DomainResult).GetProperties().ToDictionary(p => p.Name, p => p.PropertyType);
        var missing = typeof(DomainAssessment).GetProperties()
            .Where(p => p.Name != "EqualityContract" && (!result.TryGetValue(p.Name, out var type) || type != p.PropertyType))
            .Select(p => p.Name)
            .ToList();

        Assert.Empty(missing);
    }
}
