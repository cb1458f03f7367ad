using TlsPreflight.Probing.Names;

namespace TlsPreflight.Probing.Tests.Names;

public sealed class ReservedNamesTests
{
    [Theory]
    [InlineData("localhost", "RFC 6761 §6.3")]
    [InlineData("app.localhost", "RFC 6761 §6.3")]
    [InlineData("printer.local", "RFC 6762")]
    [InlineData("local", "RFC 6762")]
    [InlineData("nothing.invalid", "RFC 6761 §6.4")]
    [InlineData("www.example", "RFC 6761 §6.5")]
    [InlineData("duckduckgogg42xjoc72x3sjasowoarfbgcmvfimaftt6twagswzczad.onion", "RFC 7686")]
    [InlineData("nas.home.arpa", "RFC 8375")]
    [InlineData("home.arpa", "RFC 8375")]
    [InlineData("metadata.google.internal", "ICANN")]
    [InlineData("corp.internal", "ICANN")]
    [InlineData("name.alt", "RFC 9476")]
    [InlineData("intranet", "single label")]
    [InlineData("com", "single label")]
    [InlineData("mx.lab.test", "RFC 6761 §6.2")]
    public void Special_use_and_private_names_are_reserved_with_the_rule_they_come_from(string domain, string rule)
        => Assert.Contains(rule, ReservedNames.WhyReserved(domain, allowTestNames: false));

    [Theory]
    [InlineData("example.com")]
    [InlineData("example.org")]
    [InlineData("localhost.example.com")]
    [InlineData("local.example.com")]
    [InlineData("mylocal.com")]
    [InlineData("notlocal.com")]
    [InlineData("internal.net")]
    [InlineData("xn--bcher-kva.de")]
    [InlineData("arpa.net")]
    [InlineData("alt.com")]
    public void Names_on_the_internet_are_not_reserved(string domain)
        => Assert.Null(ReservedNames.WhyReserved(domain, allowTestNames: false));

    [Fact]
    public void Test_names_are_allowed_only_when_labs_are_allowed_but_the_other_reserved_names_never_are()
    {
        Assert.Null(ReservedNames.WhyReserved("verified.lab.test", allowTestNames: true));
        Assert.NotNull(ReservedNames.WhyReserved("verified.lab.test", allowTestNames: false));
        Assert.NotNull(ReservedNames.WhyReserved("printer.local", allowTestNames: true));
        Assert.NotNull(ReservedNames.WhyReserved("localhost", allowTestNames: true));
    }
}
