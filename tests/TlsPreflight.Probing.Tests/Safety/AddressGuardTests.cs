using System.Net;
using TlsPreflight.Probing.Safety;

namespace TlsPreflight.Probing.Tests.Safety;

public sealed class AddressGuardTests
{
    [Theory]
    [InlineData("0.0.0.0", "this network")]
    [InlineData("0.1.2.3", "this network")]
    [InlineData("10.0.0.1", "RFC 1918")]
    [InlineData("10.255.255.255", "RFC 1918")]
    [InlineData("100.64.0.1", "CGNAT")]
    [InlineData("100.127.255.254", "CGNAT")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("172.16.0.1", "RFC 1918")]
    [InlineData("172.31.255.255", "RFC 1918")]
    [InlineData("192.0.0.8", "RFC 6890")]
    [InlineData("192.0.2.10", "TEST-NET-1")]
    [InlineData("192.168.1.1", "RFC 1918")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("198.51.100.7", "TEST-NET-2")]
    [InlineData("203.0.113.99", "TEST-NET-3")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fd12:3456::1", "unique local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("2001:db8::25", "documentation")]
    [InlineData("64:ff9b::c000:221", "NAT64")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.1.2.3", "RFC 1918")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::127.0.0.1", "loopback")]
    [InlineData("100::1", "discard")]
    [InlineData("3fff::1", "documentation")]
    [InlineData("4000::1", "not global unicast")]
    [InlineData("2002:7f00:1::1", "6to4 (RFC 3056) of IPv4 127.0.0.1: loopback")]
    [InlineData("2002:a9fe:a9fe::", "link-local")]
    [InlineData("2002:c0a8:101:1::25", "RFC 1918")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo")]
    [InlineData("2001:0:0:0:0:0:80ff:fffe", "Teredo")]
    [InlineData("64:ff9b:1::a00:1", "NAT64")]
    [InlineData("::ffff:0:0", "this network")]
    public void Non_public_addresses_are_refused_with_a_reason(string address, string reason)
    {
        var ip = IPAddress.Parse(address);

        Assert.False(AddressGuard.IsPublic(ip));
        Assert.Contains(reason, AddressGuard.WhyNotPublic(ip));
    }

    [Theory]
    [InlineData("168.63.129.16", "Azure")]
    [InlineData("::ffff:168.63.129.16", "Azure")]
    [InlineData("2002:a83f:8110::1", "Azure")] // 6to4 of 168.63.129.16
    [InlineData("169.254.169.254", "cloud instance metadata")]
    [InlineData("::ffff:169.254.169.254", "cloud instance metadata")]
    [InlineData("169.254.170.2", "AWS ECS")]
    [InlineData("169.254.170.23", "AWS EKS")]
    [InlineData("fd00:ec2::254", "AWS instance metadata")]
    [InlineData("fd00:ec2::253", "AWS VPC DNS")]
    [InlineData("fd00:ec2::23", "AWS EKS")]
    [InlineData("100.100.100.200", "Alibaba")]
    [InlineData("192.0.0.192", "Oracle")]
    [InlineData("fd00:c1::a9fe:a9fe", "Oracle")]
    [InlineData("fd20:ce::254", "Google Cloud")]
    [InlineData("161.26.0.10", "IBM Cloud")]
    [InlineData("161.26.255.255", "IBM Cloud")]
    public void Cloud_metadata_and_platform_service_addresses_are_refused_by_name(string address, string cloud)
    {
        var ip = IPAddress.Parse(address);

        Assert.False(AddressGuard.IsPublic(ip));
        Assert.Contains(cloud, AddressGuard.WhyNotPublic(ip));
    }

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.0.3.1")]
    [InlineData("192.167.255.255")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2a00:1450:4001:82a::201a")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2002:808:808::1")]
    [InlineData("2001:200::1")]
    [InlineData("168.63.129.15")]
    [InlineData("168.63.129.17")]
    [InlineData("161.25.255.255")]
    [InlineData("161.27.0.0")]
    public void Public_addresses_may_be_dialled(string address)
    {
        var ip = IPAddress.Parse(address);

        Assert.True(AddressGuard.IsPublic(ip));
        Assert.Null(AddressGuard.WhyNotPublic(ip));
    }
}
