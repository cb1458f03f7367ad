using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Probing.Tests.MtaSts;

public sealed class MtaStsPolicyTests
{
    // RFC 8461 §3.2 example policy
    private const string RfcExample = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n";

    [Fact]
    public void TryParse_reads_the_rfc_example_policy()
    {
        Assert.True(MtaStsPolicy.TryParse(RfcExample, out var policy, out var error), error);
        Assert.Equal(MtaStsMode.Enforce, policy!.Mode);
        Assert.Equal(604800, policy.MaxAgeSeconds);
        Assert.Equal(["mail.example.com", "*.example.net", "backupmx.example.com"], policy.MxPatterns);
        Assert.True(policy.Matches("mx1.example.net"));
        Assert.False(policy.Matches("example.net"));
    }

    [Theory]
    [InlineData("version: STSv1\nmode: testing\nmx: mx1.example.com\nmax_age: 1296000\n", MtaStsMode.Testing, 1296000L, 1)]
    [InlineData("version: STSv1\nmode: none\nmax_age: 0", MtaStsMode.None, 0L, 0)]
    [InlineData("version:STSv1\r\nmode:\tenforce\r\nmx:  \t *.example.com\nmax_age: 1\nmore:ext e  ns ion", MtaStsMode.Enforce, 1L, 1)]
    [InlineData("max_age: 86400\nmx: mx.example.com\nmode: enforce\nversion: STSv1\n", MtaStsMode.Enforce, 86400L, 1)]
    [InlineData("version: STSv1\nmode: enforce\nmode: none\nmx: a.example\nmax_age: 5\nmax_age: 6\n", MtaStsMode.Enforce, 5L, 1)]
    [InlineData("version: STSv1\nmode: enforce\nmx: MX.Example.COM\nmax_age: 31557600\n\n\n", MtaStsMode.Enforce, 31557600L, 1)]
    [InlineData("version: STSv1\nmode: testing\nmx: a.example\nmx: b.example\nmx: c.example\nmax_age: 0000000009\nunknown_key: whatever it is\n", MtaStsMode.Testing, 9L, 3)]
    public void TryParse_accepts_valid_policies(string body, MtaStsMode mode, long maxAge, int mxCount)
    {
        Assert.True(MtaStsPolicy.TryParse(body, out var policy, out var error), error);
        Assert.Equal(mode, policy!.Mode);
        Assert.Equal(maxAge, policy.MaxAgeSeconds);
        Assert.Equal(mxCount, policy.MxPatterns.Count);
    }

    [Fact]
    public void TryParse_stores_mx_patterns_in_lower_case()
    {
        Assert.True(MtaStsPolicy.TryParse("version: STSv1\nmode: enforce\nmx: MX.Example.COM\nmax_age: 1", out var policy, out _));
        Assert.Equal(["mx.example.com"], policy!.MxPatterns);
    }

    [Theory]
    [InlineData("", "version")]
    [InlineData("version: STSv0\nmode: none\nmax_age: 0", "version")]
    [InlineData("version: STSv10\nmode: none\nmax_age: 0", "version")]
    [InlineData("version: stsv1\nmode: none\nmax_age: 0", "version")]
    [InlineData("mode: none\nmax_age: 0", "version")]
    [InlineData("version: STSv1\nmax_age: 0\nmx: example.com", "mode")]
    [InlineData("version: STSv1\nmode: none", "max_age")]
    [InlineData("version: STSv1\nmax_age: 0\nmode: enforce", "mx")]
    [InlineData("version: STSv1\nmax_age: 0\nmode: testing", "mx")]
    [InlineData("version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1", "mode")]
    [InlineData("version: STSv1\nmode: bad\nmax_age: 1", "mode")]
    [InlineData("version: STSv1\nmode: none\nmax_age: a", "max_age")]
    [InlineData("version: STSv1\nmode: none\nmax_age: -1", "max_age")]
    [InlineData("version: STSv1\nmode: none\nmax_age: 1.5", "max_age")]
    [InlineData("version: STSv1\nmode: none\nmax_age: 01234567890", "max_age")]
    [InlineData("version: STSv1\nmode: none\nmax_age: 31557601", "max_age")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 0\nmx:", "mx")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 0\nmx: *.*.example", "mx")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 0\nmx: **.example", "mx")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 0\nmx: mx*.example", "mx")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 0\nmx: test.example-", "mx")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 0\nmx: mx.example.com.", "mx")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 0\nmx: møx.example", "mx")]
    [InlineData("version: STSv1\nmode: none\nmax_age: 0\next:", "ext")]
    [InlineData("version: STSv1\nmode: none\nmax_age: 0\n_bad: test", "_bad")]
    [InlineData("version: STSv1\nmode: none\nmax_age: 0\na12345678901234567890123456789012: 1", "key")]
    [InlineData("version: STSv1\nmode: none\n\nmax_age: 0", "line 3")]
    [InlineData("version STSv1\nmode: none\nmax_age: 0", "key: value")]
    [InlineData("version: STSv1\rmode: none\rmax_age: 0", "line 1")]
    public void TryParse_rejects_malformed_policies_naming_the_problem(string body, string expectedInError)
    {
        Assert.False(MtaStsPolicy.TryParse(body, out var policy, out var error));
        Assert.Null(policy);
        Assert.Contains(expectedInError, error);
    }

    [Fact]
    public void TryParse_rejects_a_body_over_64_kib()
    {
        var body = "version: STSv1\nmode: none\nmax_age: 0\nfiller: " + new string('x', MtaStsPolicy.MaxBodyBytes) + "\n";

        Assert.False(MtaStsPolicy.TryParse(body, out _, out var error));
        Assert.Contains("larger than", error);
    }
}
