using System.Buffers.Binary;
using TlsPreflight.Probing.Dns;

namespace TlsPreflight.Probing.Tests.Dns;

public sealed class ExtendedDnsErrorTests
{
    private static byte[] Option(ushort code, byte[] data)
        => [(byte)(code >> 8), (byte)code, (byte)(data.Length >> 8), (byte)data.Length, .. data];

    [Theory]
    [InlineData(6, true, "DNSSEC Bogus")]
    [InlineData(7, true, "Signature Expired")]
    [InlineData(12, true, "NSEC Missing")]
    [InlineData(5, false, "DNSSEC Indeterminate")]
    [InlineData(22, false, "No Reachable Authority")]
    public void Info_codes_6_to_12_are_dnssec_failures(int code, bool dnssec, string name)
    {
        var ede = ExtendedDnsError.Find(Option(15, [0, (byte)code, .. "why"u8.ToArray()]));

        Assert.NotNull(ede);
        Assert.Equal(dnssec, ede.IsDnssecFailure);
        Assert.Equal($"EDE {code} ({name}: why)", ede.ToString());
    }

    [Fact]
    public void The_extended_error_is_found_after_other_options()
    {
        byte[] data = [.. Option(10, new byte[8]), .. Option(15, [0, 9])]; // a cookie, then EDE 9 without text

        Assert.Equal(new ExtendedDnsError(9, null), ExtendedDnsError.Find(data));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0, 15, 0, 9, 0, 6 })] // says 9 bytes, has 2
    [InlineData(new byte[] { 0, 15, 0, 1, 0 })]    // an EDE too short for its INFO-CODE
    public void Missing_or_malformed_options_give_no_extended_error(byte[] data)
        => Assert.Null(ExtendedDnsError.Find(data));

    [Fact]
    public void The_checking_disabled_query_sets_rd_and_cd_and_asks_with_edns_do()
    {
        var query = CheckingDisabledQuery.Build(0x1234, "example.com", 15);

        Assert.Equal(0x1234, BinaryPrimitives.ReadUInt16BigEndian(query));
        Assert.Equal(0x0110, BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(2)));   // RD | CD
        Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(10)));       // one OPT record
        Assert.Equal("\u0007example\u0003com\0"u8.ToArray(), query[12..25]);
        Assert.Equal(0x8000, BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(query.Length - 4))); // DO
    }
}
