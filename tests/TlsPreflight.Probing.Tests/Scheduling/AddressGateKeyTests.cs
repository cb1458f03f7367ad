using System.Net;
using TlsPreflight.Probing.Scheduling;

namespace TlsPreflight.Probing.Tests.Scheduling;

public sealed class AddressGateKeyTests
{
    private static string Key(string address) => AddressGateKey.For(IPAddress.Parse(address));

    [Fact]
    public void An_ipv4_mapped_ipv6_address_shares_the_gate_of_its_ipv4_address()
    {
        Assert.Equal(Key("192.0.2.7"), Key("::ffff:192.0.2.7"));
        Assert.Equal("192.0.2.7", Key("::ffff:192.0.2.7"));
    }

    [Fact]
    public void Every_address_of_one_ipv6_64_shares_one_gate()
    {
        Assert.Equal(Key("2001:db8:1:2::25"), Key("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        Assert.Equal("2001:db8:1:2::/64", Key("2001:db8:1:2:abcd::1"));
    }

    [Fact]
    public void Neighbouring_ipv6_64s_and_ipv4_addresses_have_gates_of_their_own()
    {
        Assert.NotEqual(Key("2001:db8:1:2::25"), Key("2001:db8:1:3::25"));
        Assert.NotEqual(Key("192.0.2.7"), Key("192.0.2.8"));
    }

    [Fact]
    public void The_canonical_address_of_a_mapped_one_is_the_ipv4_address()
    {
        Assert.Equal(IPAddress.Parse("192.0.2.7"), AddressGateKey.Canonical(IPAddress.Parse("::ffff:192.0.2.7")));
        Assert.Equal(IPAddress.Parse("2001:db8::1"), AddressGateKey.Canonical(IPAddress.Parse("2001:db8::1")));
    }
}
