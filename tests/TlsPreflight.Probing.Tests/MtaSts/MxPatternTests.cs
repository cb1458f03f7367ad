using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Probing.Tests.MtaSts;

public sealed class MxPatternTests
{
    [Theory]
    // RFC 8461 §4.1 examples
    [InlineData("mail.example.com", "mail.example.com", true)]
    [InlineData("*.example.com", "mx.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "a.b.example.com", false)]
    // case, trailing dots
    [InlineData("MAIL.Example.com", "mail.EXAMPLE.com", true)]
    [InlineData("*.Example.COM", "MX.example.com.", true)]
    [InlineData("mail.example.com.", "mail.example.com", true)]
    // anchored: no substring or suffix matches
    [InlineData("mail.example.com", "mail.example.com.evil.net", false)]
    [InlineData("mail.example.com", "xmail.example.com", false)]
    [InlineData("*.example.com", "mx.example.com.evil.net", false)]
    [InlineData("*.example.com", "mxexample.com", false)]
    [InlineData("*.example.com", "mx.notexample.com", false)]
    // no other wildcard forms
    [InlineData("mx*.example.com", "mx1.example.com", false)]
    [InlineData("*mx.example.com", "amx.example.com", false)]
    [InlineData("*.*.example.com", "a.b.example.com", false)]
    [InlineData("mx.*.com", "mx.example.com", false)]
    [InlineData("*", "example", false)]
    [InlineData("*.", "mx.", false)]
    [InlineData("*.example.com", "*.example.com", false)]
    [InlineData("", "mx.example.com", false)]
    [InlineData("mx.example.com", "", false)]
    public void Matches_follows_rfc_8461_section_4_1(string pattern, string host, bool expected)
        => Assert.Equal(expected, MxPattern.Matches(pattern, host));
}
