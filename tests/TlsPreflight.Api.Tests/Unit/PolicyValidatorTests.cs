using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Unit;

public sealed class PolicyValidatorTests
{
    [Theory]
    [InlineData("Partner.COM", "partner.com")]
    [InlineData("*.College.Edu", "*.college.edu")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    public void TryNormalizePattern_lower_cases_and_converts_to_a_labels(string pattern, string expected)
    {
        Assert.True(PolicyValidator.TryNormalizePattern(pattern, out var normalized, out _));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("*.")]
    [InlineData("a.*.example")]
    [InlineData("**.example")]
    [InlineData("bob@partner.com")]
    [InlineData("*.com.")]
    [InlineData("partner")]
    public void TryNormalizePattern_refuses_what_is_not_a_domain_or_a_one_label_wildcard(string pattern)
        => Assert.False(PolicyValidator.TryNormalizePattern(pattern, out _, out _));

    [Fact]
    public void TryValidate_accepts_the_default_policy()
        => Assert.True(PolicyValidator.TryValidate(TenantPolicy.Default, out _, out _));

    [Fact]
    public void TryValidate_drops_duplicate_internal_domains_after_normalising()
    {
        var policy = TenantPolicy.Default with { InternalDomains = ["Contoso.com", "contoso.com."] };
        Assert.True(PolicyValidator.TryValidate(policy, out var normalized, out _));
        Assert.Equal(["contoso.com"], normalized.InternalDomains);
    }

    [Fact]
    public void TryValidate_refuses_more_than_the_maximum_number_of_rules()
    {
        var rules = Enumerable.Range(0, PolicyValidator.MaxForcedTlsRules + 1)
            .Select(i => new ForcedTlsRule($"p{i}.example", SecurityLevel.Verified, PolicyAction.Block)).ToList();
        Assert.False(PolicyValidator.TryValidate(TenantPolicy.Default with { ForcedTls = rules }, out _, out var errors));
        Assert.Contains("forcedTls", errors.Keys);
    }

    [Fact]
    public void Refusals_are_typed_fields_with_their_row_and_the_api_names_them_as_before()
    {
        var policy = TenantPolicy.Default with
        {
            ForcedTls = [new ForcedTlsRule("ok.example", SecurityLevel.Verified, PolicyAction.Block), new ForcedTlsRule("a@b.example", SecurityLevel.Verified, PolicyAction.Block)],
            InternalDomains = ["good.example", "bad..example"],
        };

        Assert.False(PolicyValidator.TryValidate(policy, out _, out var errors));

        Assert.Equal([(PolicyField.ForcedTlsPattern, (int?)1), (PolicyField.InternalDomain, (int?)1)], errors.All.Select(e => (e.Field, e.Index)));
        Assert.Equal(["forcedTls[1].pattern", "internalDomains[1]"], errors.ToProblemErrors().Keys);
    }
}
