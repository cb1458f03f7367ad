using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.Tests.Unit;

public sealed class EntityTagTests
{
    [Theory]
    [InlineData("\"4\"", 4)]
    [InlineData("W/\"4\"", 4)]
    [InlineData(" \"12\" ", 12)]
    [InlineData("*", 9)]
    public void TryParseIfMatch_reads_quoted_versions_and_star_as_the_current_one(string header, int expected)
    {
        Assert.True(EntityTag.TryParseIfMatch(header, currentVersion: 9, out var version));
        Assert.Equal(expected, version);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("\"\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"4\", \"5\"")]
    [InlineData("\"99999999999\"")]
    [InlineData("")]
    public void TryParseIfMatch_refuses_anything_else(string header)
        => Assert.False(EntityTag.TryParseIfMatch(header, currentVersion: 9, out _));

    [Fact]
    public void For_quotes_the_version()
        => Assert.Equal("\"4\"", EntityTag.For(4));
}
