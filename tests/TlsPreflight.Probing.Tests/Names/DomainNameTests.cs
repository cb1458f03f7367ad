using TlsPreflight.Probing.Names;

namespace TlsPreflight.Probing.Tests.Names;

public sealed class DomainNameTests
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("Example.COM", "example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("  example.com  ", "example.com")]
    [InlineData("alice@example.org", "example.org")]
    [InlineData("Alice.Smith@Mail.Example.ORG.", "mail.example.org")]
    [InlineData("\"odd@local\"@example.net", "example.net")]
    [InlineData("bücher.example", "xn--bcher-kva.example")]
    [InlineData("user@BÜCHER.example", "xn--bcher-kva.example")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("mx-1.sub.example.co.uk", "mx-1.sub.example.co.uk")]
    [InlineData("123.example", "123.example")]
    [InlineData("LocalHost", "localhost")] // a single label is a name; ReservedNames says it is not on the internet
    [InlineData("postmaster@intranet", "intranet")]
    [InlineData("com.", "com")]
    public void TryNormalize_accepts_domains_and_addresses_and_returns_the_lower_case_a_label_domain(string input, string expected)
    {
        Assert.True(DomainName.TryNormalize(input, out var domain, out var error), error);
        Assert.Equal(expected, domain);
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("@example.com")]
    [InlineData("alice@")]
    [InlineData("alice@.")]
    [InlineData("exa mple.com")]
    [InlineData("alice smith@example.com")]
    [InlineData("example.com\"")]
    [InlineData("[192.0.2.1]")]
    [InlineData("alice@[192.0.2.1]")]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8::1")]
    [InlineData("example..com")]
    [InlineData(".example.com")]
    [InlineData("example.com..")]
    [InlineData("-example.com")]
    [InlineData("example-.com")]
    [InlineData("exa_mple.com")]
    [InlineData("example.123")]
    [InlineData("123")]
    [InlineData("example.com/path")]
    [InlineData("exa\u0000mple.com")]
    [InlineData("exam\tple.com")]
    public void TryNormalize_rejects_input_that_is_not_a_domain_with_a_one_line_error(string? input)
    {
        Assert.False(DomainName.TryNormalize(input, out var domain, out var error));
        Assert.Equal("", domain);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void TryNormalize_accepts_a_63_character_label_and_rejects_64()
    {
        Assert.True(DomainName.TryNormalize(new string('a', 63) + ".example", out _, out _));
        Assert.False(DomainName.TryNormalize(new string('a', 64) + ".example", out _, out var error));
        Assert.Contains("63", error);
    }

    [Fact]
    public void TryNormalize_accepts_253_characters_in_total_and_rejects_254()
    {
        // 3 × 63 + 3 dots = 192; the last label makes up the rest.
        var prefix = string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + ".";
        var exactly253 = prefix + new string('b', 253 - prefix.Length);
        var over = prefix + new string('b', 254 - prefix.Length);

        Assert.True(DomainName.TryNormalize(exactly253, out var domain, out _));
        Assert.Equal(253, domain.Length);
        Assert.False(DomainName.TryNormalize(over, out _, out var error));
        Assert.Contains("253", error);
    }

    [Fact]
    public void Normalize_throws_an_invalid_domain_exception_that_names_the_input()
    {
        var ex = Assert.Throws<InvalidDomainException>(() => DomainName.Normalize("not a domain"));
        Assert.Equal("not a domain", ex.Input);
        Assert.Contains("'not a domain'", ex.Message);
    }

    [Theory]
    [InlineData("bob@partner.com")]
    [InlineData("@partner.com")]
    [InlineData("partner.com@")]
    public void A_domain_only_input_refuses_anything_with_an_at_sign_as_an_address(string input)
    {
        Assert.False(DomainName.TryNormalizeDomain(input, out var domain, out var error));
        Assert.Equal("", domain);
        Assert.Equal(DomainName.AddressNotDomain, error);
    }

    [Fact]
    public void A_domain_only_input_normalises_a_domain_as_TryNormalize_does()
    {
        Assert.True(DomainName.TryNormalizeDomain(" Bücher.Example. ", out var domain, out _));
        Assert.Equal("xn--bcher-kva.example", domain);
        Assert.False(DomainName.TryNormalizeDomain("a..b", out _, out var error));
        Assert.NotEqual(DomainName.AddressNotDomain, error);
    }

    [Theory]
    [InlineData("Bob.Smith@Bücher.Example", "xn--bcher-kva.example", "Bob.Smith@xn--bcher-kva.example")]
    [InlineData("\"a@b\"@partner.com", "partner.com", "\"a@b\"@partner.com")]
    [InlineData("partner.com", "partner.com", null)]
    public void A_recipient_is_split_at_its_last_at_sign_into_the_normalised_domain_and_address(string input, string domain, string? address)
    {
        Assert.True(DomainName.TryNormalizeRecipient(input, out var gotDomain, out var gotAddress, out var error), error);
        Assert.Equal(domain, gotDomain);
        Assert.Equal(address, gotAddress);
    }

    [Fact]
    public void A_recipient_with_nothing_before_the_at_sign_is_refused()
        => Assert.False(DomainName.TryNormalizeRecipient("@partner.com", out _, out var address, out _) || address is not null);
}
