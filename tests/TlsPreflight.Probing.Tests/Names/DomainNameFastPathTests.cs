using TlsPreflight.Probing.Names;

namespace TlsPreflight.Probing.Tests.Names;

/// <summary>The one-pass check for names already in normal form must never accept what the full rules refuse,
/// nor answer differently from them.</summary>
public sealed class DomainNameFastPathTests
{
    [Theory]
    [InlineData("example.com")]
    [InlineData("ann@verified.lab.test")]
    [InlineData("mx-1.sub.example.co.uk")]
    [InlineData("123.example")]
    [InlineData("xn--bcher-kva.example")]
    [InlineData("\"odd@local\"@example.net")]
    [InlineData("intranet")]
    public void Names_in_normal_form_take_the_fast_path_with_the_full_rules_answer(string input)
    {
        Assert.True(DomainName.TryPlain(input, out var fast));
        Assert.Null(DomainName.CheckThoroughly(input, out var thorough));
        Assert.Equal(thorough, fast);
    }

    [Theory]
    [InlineData("1.2.3.4")]
    [InlineData("0x7f000001")]
    [InlineData("user@127.1")]
    [InlineData("Example.com")]
    [InlineData(" example.com")]
    [InlineData("example.com.")]
    [InlineData("@example.com")]
    [InlineData("a..b")]
    [InlineData("-a.example")]
    [InlineData("a-.example")]
    [InlineData("bücher.example")]
    [InlineData("an ne@example.com")]
    [InlineData("")]
    public void Anything_else_is_left_to_the_full_rules(string input)
    {
        Assert.False(DomainName.TryPlain(input, out _));
    }

    [Fact]
    public void On_random_input_the_fast_path_never_disagrees_with_the_full_rules()
    {
        // Inputs from an alphabet around the edges of the rules: case, dots, hyphens, digits, '@', space, non-ASCII.
        const string alphabet = "abcxz019-.@A \u00fc\"";
        var random = new Random(20261202);
        var accepted = 0;
        for (var n = 0; n < 50_000; n++)
        {
            var chars = new char[random.Next(0, 24)];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = alphabet[random.Next(random.Next(2) == 0 ? 14 : alphabet.Length)];
            }

            var input = new string(chars);
            if (DomainName.TryPlain(input, out var fast))
            {
                accepted++;
                Assert.True(DomainName.CheckThoroughly(input, out var thorough) == null, $"'{input}' accepted by the fast path only");
                Assert.Equal(thorough, fast);
            }
        }

        Assert.True(accepted > 1_000, $"only {accepted} random inputs took the fast path");
    }
}
