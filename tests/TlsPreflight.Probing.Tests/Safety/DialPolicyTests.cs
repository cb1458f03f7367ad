using System.Net;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Safety;

namespace TlsPreflight.Probing.Tests.Safety;

public sealed class DialPolicyTests
{
    private static DialPolicy Policy(bool allowPrivateNetworks, params string[] extraRefusedRanges)
        => new(Options.Create(new ProbingOptions { AllowPrivateNetworks = allowPrivateNetworks, ExtraRefusedRanges = [.. extraRefusedRanges] }));

    [Theory]
    [InlineData(false, "8.8.8.8", true)]
    [InlineData(false, "10.1.2.3", false)]
    [InlineData(false, "168.63.129.16", false)]
    [InlineData(true, "10.1.2.3", true)]
    [InlineData(true, "127.0.0.1", true)]
    public void Without_extra_ranges_the_guard_decides_unless_private_networks_are_allowed(bool allowPrivateNetworks, string address, bool mayDial)
        => Assert.Equal(mayDial, Policy(allowPrivateNetworks).MayDial(IPAddress.Parse(address)));

    [Theory]
    [InlineData("203.0.0.0/16", "203.0.5.6", false)]
    [InlineData("203.0.0.0/16", "::ffff:203.0.5.6", false)] // the IPv4 address on the wire
    [InlineData("203.0.0.0/16", "203.1.0.1", true)]
    [InlineData("2a01:4f8::/32", "2a01:4f8:1:2::25", false)]
    [InlineData("2a01:4f8::/32", "2a01:4f9::25", true)]
    [InlineData("127.1.0.0/16", "127.1.2.3", false)] // even where private networks are allowed (labs)
    [InlineData("127.1.0.0/16", "127.0.0.1", true)]
    public void An_address_in_an_extra_refused_range_is_never_dialled(string range, string address, bool mayDial)
    {
        Assert.Equal(mayDial, Policy(allowPrivateNetworks: true, range).MayDial(IPAddress.Parse(address)));
        if (!mayDial)
            Assert.False(Policy(allowPrivateNetworks: false, range).MayDial(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData(" 192.168.10.0/24 ")]
    [InlineData("fd00:1234::/32")]
    [InlineData("203.0.113.7/32")]
    public void Cidr_ranges_parse(string range)
        => Assert.True(DialPolicy.ParseRange(range).PrefixLength > 0);

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.1")]
    [InlineData("10.0.0.1/8")]
    [InlineData("10.0.0.0/33")]
    [InlineData("corp.example/24")]
    [InlineData("fd00::/129")]
    public void Anything_but_a_cidr_range_is_refused_with_a_message_naming_it(string range)
    {
        var error = Assert.Throws<FormatException>(() => DialPolicy.ParseRange(range));

        Assert.Contains($"'{range}'", error.Message);
    }
}
