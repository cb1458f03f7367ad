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
    public void Mx_patterns_and_certificate_names_never_throw_on_random_input()
    {
        var random = new Random(3);
        for (var i = 0; i < Iterations; i++)
        {
            var a = RandomText(random);
            var b = RandomText(random);
            _ = MxPattern.Matches(a, b);
            _ = CertificateNameMatcher.Matches([a], b, RandomText(random));
        }
    }

    [Fact]
    public void Tls_rpt_records_never_throw_on_random_input()
    {
        var random = new Random(4);
        for (var i = 0; i < Iterations; i++)
        {
            var report = TlsRptRecord.Parse([RandomText(random)]);
            Assert.Contains(report.Status, new[] { "none", "valid", "invalid" });
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

            var report = TlsaMatcher.Evaluate("secure", [record], [der], "mx.example.com");

            Assert.Contains(report.Outcome, new[] { "mismatch", "unusable" });
        }
    }

    [Fact]
    public void The_address_guard_never_throws_on_random_addresses()
    {
        var random = new Random(6);
        for (var i = 0; i < Iterations; i++)
        {
            var address = new IPAddress(RandomBytes(random, random.Next(2) == 0 ? 4 : 16));
            Assert.Equal(AddressGuard.IsPublic(address), AddressGuard.WhyNotPublic(address) is null);
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
