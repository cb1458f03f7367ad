using System.Reflection;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Tests.Model;

public sealed class FindingTextTests
{
    public static TheoryData<string> AllCodes => [.. typeof(FindingCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)];

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Every_finding_code_has_a_plain_sentence(string code)
    {
        var sentence = FindingText.For(code);

        Assert.NotEqual(code, sentence);
        Assert.EndsWith(".", sentence);
    }

    [Fact]
    public void Describe_appends_the_detail_in_parentheses()
    {
        Assert.Equal("The mail server's certificate has expired. (valid to 2020-01-01)",
            FindingText.Describe(new Finding(FindingCodes.CertificateExpired, "mx.example.com", "valid to 2020-01-01")));
        Assert.Equal(FindingText.For(FindingCodes.NullMx), FindingText.Describe(new Finding(FindingCodes.NullMx)));
    }

    [Fact]
    public void An_unknown_code_is_shown_as_itself()
        => Assert.Equal("something-new", FindingText.For("something-new"));
}
