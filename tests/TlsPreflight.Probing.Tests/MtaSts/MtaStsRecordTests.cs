using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Probing.Tests.MtaSts;

public sealed class MtaStsRecordTests
{
    [Theory]
    // RFC 8461 §3.1 example
    [InlineData("v=STSv1; id=20160831085700Z;", "20160831085700Z")]
    [InlineData("v=STSv1; id=20160831085700Z", "20160831085700Z")]
    [InlineData("v=STSv1;id=abc", "abc")]
    [InlineData("v=STSv1 ;\t id=abc \t;", "abc")]
    [InlineData("v=STSv1; id=a; ext=value; other.ext=1", "a")]
    [InlineData("v=STSv1; id=first; id=second", "first")]
    [InlineData("v=STSv1; id=01234567890123456789012345678901", "01234567890123456789012345678901")]
    public void TryParse_reads_the_id_of_a_valid_record(string txt, string expectedId)
    {
        Assert.True(MtaStsRecord.TryParse([txt], out var record, out var error), error);
        Assert.Equal(expectedId, record!.Id);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("v=STSv1;")]
    [InlineData("v=STSv1; ext=1")]
    [InlineData("v=STSv1; id=")]
    [InlineData("v=STSv1; id=012345678901234567890123456789012")]
    [InlineData("v=STSv1; id=test-123")]
    [InlineData("v=STSv1; id=a; more=")]
    [InlineData("v=STSv1; id=a; a12345678901234567890123456789012=1")]
    [InlineData("v=STSv1; id=a; 1%=a")]
    [InlineData("v=STSv1; id=a; test==")]
    [InlineData("v=STSv1; id=a;;")]
    [InlineData("v=STSv1; id a")]
    public void TryParse_rejects_a_malformed_record_with_an_error(string txt)
    {
        Assert.False(MtaStsRecord.TryParse([txt], out var record, out var error));
        Assert.Null(record);
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void TryParse_ignores_records_that_do_not_start_with_the_version()
    {
        string[] txt = ["v=spf1 -all", "v=STSv10; id=x", "V=STSv1; id=y", "v=STSv1; id=real", "v=STSv1"];

        Assert.True(MtaStsRecord.TryParse(txt, out var record, out _));
        Assert.Equal("real", record!.Id);
    }

    [Theory]
    [InlineData(new string[0], "no v=STSv1")]
    [InlineData(new[] { "v=spf1 -all" }, "no v=STSv1")]
    [InlineData(new[] { "v=STSv1; id=a", "v=STSv1; id=b" }, "exactly one")]
    public void TryParse_fails_unless_exactly_one_sts_record_remains(string[] txt, string expectedError)
    {
        Assert.False(MtaStsRecord.TryParse(txt, out _, out var error));
        Assert.Contains(expectedError, error);
    }

    [Theory]
    [InlineData("v=STSv1; id=a", true)]
    [InlineData("v=STSv1 ; id=a", true)]
    [InlineData("v=STSv1", false)]
    [InlineData("v=STSv10; id=a", false)]
    [InlineData("v=spf1", false)]
    public void IsStsRecord_recognises_only_the_version_followed_by_a_separator(string txt, bool expected)
        => Assert.Equal(expected, MtaStsRecord.IsStsRecord(txt));
}
