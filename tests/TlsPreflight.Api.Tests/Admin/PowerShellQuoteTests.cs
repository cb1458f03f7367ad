using TlsPreflight.Api.Admin.Exchange;

namespace TlsPreflight.Api.Tests.Admin;

public sealed class PowerShellQuoteTests
{
    [Theory]
    [InlineData("partner.com", "'partner.com'")]
    [InlineData("*.college.edu", "'*.college.edu'")]
    [InlineData("o'brien.com", "'o''brien.com'")]
    [InlineData("a\u2019b", "'a\u2019\u2019b'")] // PowerShell ends strings at typographic quotes too
    [InlineData("\u2018x\u201A\u201B", "'\u2018\u2018x\u201A\u201A\u201B\u201B'")]
    [InlineData("$(Stop-Computer)", "'$(Stop-Computer)'")] // nothing expands inside single quotes
    [InlineData("", "''")]
    public void Values_are_single_quoted_with_quotes_doubled(string value, string expected)
        => Assert.Equal(expected, PowerShellQuote.Single(value));

    [Fact]
    public void A_list_is_comma_separated_quoted_values()
        => Assert.Equal("'a.com','b''c.com'", PowerShellQuote.List(["a.com", "b'c.com"]));
}
