using System.Net;
using System.Text;
using TlsPreflight.Probing.Certificates;
using TlsPreflight.Probing.Dane;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;
using TlsPreflight.Probing.Names;
using TlsPreflight.Probing.Safety;
using TlsPreflight.Probing.TlsRpt;

namespace TlsPreflight.Probing.Tests.Robustness;

/// <summary>Every parser gets seeded random input: it may reject it, it must never throw.</summary>
public sealed class RandomInputTests
{
    private const int Iterations = 3000;

    // Fragments of the real grammars make the random strings reach deeper than pure noise would.
    private static readonly string[] Fragments =
    [
        "v=STSv1", "v=TLSRPTv1", ";", "id=", "rua=", "mailto:", "https://", "version:", "STSv1", "mode:", "enforce",
        "testing", "none", "max_age:", "mx:", "*.", ".", "@", "\r\n", "\n", " ", "\t", "xn--", "-", "=", ",", "ü", "\0", "9999999999",
    ];

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        var parts = random.Next(0, 12);
        for (var i = 0; i < parts; i++)
        {
            if (random.Next(3) == 0)
            {
                var bytes = new byte[random.Next(1, 16)];
                random.NextBytes(bytes);
                builder.Append(Encoding.Latin1.GetString(bytes));
            }
            else
            {
                builder.Append(Fragments[random.Next(Fragments.Length)]);
            }
        }

        return builder.ToString();
    }

    [Fact]
    public void Domain_names_never_throw_on_random_input()
    {
        var random = new Random(1);
        for (var i = 0; i < Iterations; i++)
        {
            var input = RandomText(random);
            if (DomainName.TryNormalize(input, out var domain, out var error))
            {
                Assert.True(domain.Length is > 0 and <= 253, input);
            }
            else
            {
                Assert.NotEmpty(error);
            }
        }
    }

    [Fact]
    public void Mta_sts_records_and_policies_never_throw_on_random_input()
    {
        var random = new Random(2);
        for (var i = 0; i < Iterations; i++)
        {
            var text = RandomText(random);
            var recordOk = MtaStsRecord.TryParse([text, RandomText(random)], out var record, out var recordError);
            Assert.Equal(recordOk, record is not null);
            Assert.Equal(recordOk, recordError is null);

            var policyOk = MtaStsPolicy.TryParse(text, out var policy, out var policyError);
            Assert.Equal(policyOk, policy is not null);
            Assert.Equal(policyOk, policyError is null);
        }
    }

    [Fact]
    public void Mx_patterns_and_certificate_names_never_throw_and_keep_the_wildcard_properties_on_random_input()
    {
        var random = new Random(3);
        for (var i = 0; i < Iterations; i++)
        {
            var a = RandomText(random);
            var b = RandomText(random);
            var mx = MxPattern.Matches(a, b);
            var certificate = CertificateNameMatcher.Matches([a], RandomText(random), b);

            // A match never reaches a host with a '*', and a wildcard stands for one label: same number of labels.
            if (mx)
            {
                Assert.DoesNotContain('*', b);
                Assert.Equal(Labels(a), Labels(b));
            }

            // The certificate rule is the MTA-STS rule plus "no wildcard over fewer than two labels"; the CN is ignored
            // when a DNS name is present.
            Assert.False(certificate && !mx, $"{a} / {b}");
            Assert.Equal(certificate, CertificateNameMatcher.Matches([a], null, b));
        }
    }

    [Fact]
    public void A_valid_random_domain_matches_itself_and_its_parent_wildcard_but_never_a_wildcard_over_itself()
    {
        var random = new Random(7);
        var checkedDomains = 0;
        for (var i = 0; i < Iterations * 3 && checkedDomains < 200; i++)
        {
            var input = string.Join('.', Enumerable.Range(0, random.Next(2, 5)).Select(_ => RandomLabel(random)));
            if (!DomainName.TryNormalize(input, out var domain, out _))
            {
                continue;
            }

            checkedDomains++;
            var parent = domain[(domain.IndexOf('.') + 1)..];
            Assert.True(MxPattern.Matches(domain, domain.ToUpperInvariant() + "."), domain);
            Assert.True(MxPattern.Matches("*." + parent, domain), domain);
            Assert.False(MxPattern.Matches("*." + domain, domain), domain);
            Assert.False(MxPattern.Matches("*." + parent, "x." + domain), domain);
            Assert.Equal(parent.Contains('.'), CertificateNameMatcher.Matches(["*." + parent], null, domain));
        }

        Assert.Equal(200, checkedDomains);
    }

    private static int Labels(string name) => name.Trim().TrimEnd('.').Split('.').Length;

    private static string RandomLabel(Random random)
    {
        const string letters = "abcdefghijklmnopqrstuvwxyz0123456789-ü";
        return new string([.. Enumerable.Range(0, random.Next(1, 10)).Select(_ => letters[random.Next(letters.Length)])]);
    }

    [Fact]
    public void Tls_rpt_records_never_throw_on_random_input()
    {
        var random = new Random(4);
        for (var i = 0; i < Iterations; i++)
        {
            var report = TlsRptRecord.Parse([RandomText(random)]);
            Assert.Contains(report.Status, new[] { TlsRptStatus.None, TlsRptStatus.Valid, TlsRptStatus.Invalid });
            Assert.Equal(report.Status == TlsRptStatus.Invalid, report.Error is not null);
        }
    }

    [Fact]
    public void Tlsa_matching_never_throws_on_random_records_and_chains()
    {
        var random = new Random(5);
        for (var i = 0; i < Iterations / 10; i++)
        {
            var der = new byte[random.Next(0, 300)];
            random.NextBytes(der);
            var data = Convert.ToHexStringLower(RandomBytes(random, random.Next(0, 70)));
            var record = new TlsaRecordData(random.Next(0, 5), random.Next(0, 3), random.Next(0, 4), random.Next(4) == 0 ? RandomText(random) : data);

            var report = TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], [der], "mx.example.com");

            Assert.Contains(report.Outcome, new[] { TlsaOutcome.Mismatch, TlsaOutcome.Unusable });
        }
    }

    // The IANA IPv4 special-purpose registry's ranges that are not globally reachable, plus multicast, the limited
    // broadcast and the cloud metadata/platform addresses the guard names; written here as plain integers so the
    // test does not share the guard's table. 192.0.0.0/24 is refused whole (its two reachable /32s are anycast
    // services nobody delivers mail to), as is the deprecated 6to4 relay range.
    private static readonly (uint First, int PrefixLength)[] NotPublicV4 =
    [
        (V4(0, 0, 0, 0), 8), (V4(10, 0, 0, 0), 8), (V4(100, 64, 0, 0), 10), (V4(127, 0, 0, 0), 8), (V4(169, 254, 0, 0), 16),
        (V4(172, 16, 0, 0), 12), (V4(192, 0, 0, 0), 24), (V4(192, 0, 2, 0), 24), (V4(192, 88, 99, 0), 24),
        (V4(192, 168, 0, 0), 16), (V4(198, 18, 0, 0), 15), (V4(198, 51, 100, 0), 24), (V4(203, 0, 113, 0), 24),
        (V4(224, 0, 0, 0), 4), (V4(240, 0, 0, 0), 4),
        (V4(168, 63, 129, 16), 32), (V4(100, 100, 100, 200), 32), (V4(161, 26, 0, 0), 16),
    ];

    private static uint V4(int a, int b, int c, int d) => (uint)((a << 24) | (b << 16) | (c << 8) | d);

    private static bool InTable(uint address)
        => NotPublicV4.Any(r => r.PrefixLength == 0 || (address >> (32 - r.PrefixLength)) == (r.First >> (32 - r.PrefixLength)));

    private static IPAddress ToAddress(uint address) => new([(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address]);

    [Fact]
    public void A_random_ipv4_address_is_public_exactly_when_no_special_purpose_range_holds_it()
    {
        var random = new Random(6);
        var publicSeen = 0;
        for (var i = 0; i < Iterations * 3; i++)
        {
            var value = (uint)random.NextInt64(0, 1L << 32);
            var expected = !InTable(value);
            publicSeen += expected ? 1 : 0;
            Assert.True(expected == AddressGuard.IsPublic(ToAddress(value)), ToAddress(value).ToString());
        }

        Assert.InRange(publicSeen, Iterations, Iterations * 3 - 1); // both kinds were drawn
    }

    [Fact]
    public void Random_addresses_inside_each_special_purpose_range_are_refused_and_its_neighbours_judged_by_the_table()
    {
        var random = new Random(8);
        foreach (var (first, prefixLength) in NotPublicV4)
        {
            var size = 1L << (32 - prefixLength);
            for (var i = 0; i < 20; i++)
            {
                var inside = ToAddress((uint)(first + random.NextInt64(0, size)));
                Assert.False(AddressGuard.IsPublic(inside), inside.ToString());
                Assert.NotNull(AddressGuard.WhyNotPublic(inside));
            }

            foreach (var neighbour in new[] { (long)first - 1, first + size }.Where(n => n is >= 0 and < 1L << 32))
            {
                Assert.Equal(!InTable((uint)neighbour), AddressGuard.IsPublic(ToAddress((uint)neighbour)));
            }
        }
    }

    [Fact]
    public void Random_ipv6_addresses_are_refused_outside_global_unicast_and_judged_by_their_embedded_ipv4()
    {
        var random = new Random(9);
        for (var i = 0; i < Iterations; i++)
        {
            var bytes = RandomBytes(random, 16);
            var v4 = (uint)random.NextInt64(0, 1L << 32);
            var v4Bytes = ToAddress(v4).GetAddressBytes();

            // RFC 4291 §2.4: outside 2000::/3 nothing is global unicast (IPv4-mapped aside, below).
            var outside = (byte[])bytes.Clone();
            outside[0] = (byte)(random.Next(2) == 0 ? random.Next(0x00, 0x20) : random.Next(0x40, 0x100));
            if (!(outside.AsSpan(0, 10).IndexOfAnyExcept((byte)0) < 0))
            {
                Assert.False(AddressGuard.IsPublic(new IPAddress(outside)), new IPAddress(outside).ToString());
            }

            // Plain global unicast in 2400::/6..2c00::/6 (regional registries' space, no special range there).
            var global = (byte[])bytes.Clone();
            global[0] = (byte)random.Next(0x24, 0x2d);
            Assert.True(AddressGuard.IsPublic(new IPAddress(global)), new IPAddress(global).ToString());

            // ::ffff:a.b.c.d (RFC 4291 §2.5.5.2) and 2002:aabb:ccdd::/48 (RFC 3056) reach the IPv4 address inside.
            var mapped = new byte[16];
            mapped[10] = mapped[11] = 0xff;
            v4Bytes.CopyTo(mapped, 12);
            Assert.Equal(!InTable(v4), AddressGuard.IsPublic(new IPAddress(mapped)));
            var sixToFour = (byte[])bytes.Clone();
            sixToFour[0] = 0x20;
            sixToFour[1] = 0x02;
            v4Bytes.CopyTo(sixToFour, 2);
            Assert.Equal(!InTable(v4), AddressGuard.IsPublic(new IPAddress(sixToFour)));

            // Unique local, link-local, multicast, documentation and Teredo.
            var special = (byte[])bytes.Clone();
            (special[0], special[1], special[2], special[3]) = random.Next(5) switch
            {
                0 => ((byte)(0xfc | random.Next(2)), special[1], special[2], special[3]),
                1 => ((byte)0xfe, (byte)(0x80 | random.Next(0x40)), special[2], special[3]),
                2 => ((byte)0xff, special[1], special[2], special[3]),
                3 => ((byte)0x20, (byte)0x01, (byte)0x0d, (byte)0xb8),
                _ => ((byte)0x20, (byte)0x01, (byte)0x00, (byte)0x00),
            };
            Assert.False(AddressGuard.IsPublic(new IPAddress(special)), new IPAddress(special).ToString());
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
