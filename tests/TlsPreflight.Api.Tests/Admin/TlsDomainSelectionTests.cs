using TlsPreflight.Api.Admin.Exchange;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>-TlsDomain comes from the certificates seen on every MX host, never from the recipient domain.</summary>
public sealed class TlsDomainSelectionTests
{
    private static readonly string[] Microsoft = ["mail.protection.outlook.com", "*.mail.protection.outlook.com", "*.mail.eo.outlook.com", "*.olc.protection.outlook.com"];
    private static readonly string[] MicrosoftWildcardOnly = ["*.mail.protection.outlook.com"];
    private static readonly string[] Google = ["mx.google.com", "aspmx.l.google.com", "alt1.aspmx.l.google.com", "alt2.aspmx.l.google.com", "*.aspmx.l.google.com"];

    /// <summary>"host=san,san|san;host=..." → evidence; a host with nothing after '=' presented no certificate.</summary>
    private static ConnectorEvidence Evidence(string hosts, bool mxLookupSecure = false, bool checkedAtExport = true)
        => new([.. hosts.Split(';').Select(entry => entry.Split('=')).Select(parts => new MxCertificates(parts[0],
                parts[1].Length == 0 ? [] : [.. parts[1].Split('|').Select(names => (IReadOnlyList<string>)names.Split(','))]))],
            mxLookupSecure, false, DateTimeOffset.UnixEpoch, checkedAtExport);

    private static string Sans(string[] names) => string.Join(',', names);

    public static TheoryData<string, string, string?, string> Partners => new()
    {
        // case, MX hosts with their certificates' SANs, expected -TlsDomain, words in the reason
        { "partner on Microsoft's MX", "partner-com.mail.protection.outlook.com=" + Sans(Microsoft), "mail.protection.outlook.com", "carries" },
        { "Microsoft, wildcard-only certificate", "partner-com.mail.protection.outlook.com=" + Sans(MicrosoftWildcardOnly), "*.mail.protection.outlook.com", "carries" },
        { "partner on Google's MX", "aspmx.l.google.com=" + Sans(Google) + ";alt1.aspmx.l.google.com=" + Sans(Google), "aspmx.l.google.com", "carries" },
        { "own MX, one certificate", "mx.partner.com=mx.partner.com", "mx.partner.com", "carries" },
        { "own MX hosts sharing a wildcard", "mx1.partner.com=*.partner.com;mx2.partner.com=*.partner.com", "*.partner.com", "carries" },
        { "the narrowest wildcard every certificate matches", "a.mx.partner.com=*.mx.partner.com,*.partner.com;b.mx.partner.com=*.mx.partner.com", "*.mx.partner.com", "carries" },
        { "a wildcard one certificate carries, a name under it the other", "mx1.partner.com=*.partner.com;mx2.partner.com=mx2.partner.com", "*.partner.com", "carries" },
        { "own MX hosts, a certificate each", "mx1.partner.com=mx1.partner.com;mx2.partner.com=mx2.partner.com", null, "no one name" },
        { "mixed providers", "aspmx.l.google.com=" + Sans(Google) + ";partner-com.mail.protection.outlook.com=" + Sans(Microsoft), null, "no one name" },
        { "an MX presented no certificate", "mx1.partner.com=*.partner.com;mx2.partner.com=", null, "no certificate was observed on mx2.partner.com" },
        { "a wildcard over one label is never a TlsDomain", "mx1.a.com=*.com;mx2.b.com=*.com", null, "no one name" },
    };

    [Theory]
    [MemberData(nameof(Partners))]
    public void TlsDomain_is_a_name_every_mx_certificate_carries_or_none(string partner, string hosts, string? expected, string reason)
    {
        var evidence = Evidence(hosts);

        var choice = TlsDomainSelection.For(evidence);

        Assert.True(expected == choice.TlsDomain, $"{partner}: expected {expected ?? "none"}, got {choice.TlsDomain ?? "none"} ({choice.Why})");
        Assert.Contains(reason, choice.Why, StringComparison.Ordinal);
        if (choice.TlsDomain is not null)
        {
            // Never a name the certificates do not carry.
            Assert.Contains(choice.TlsDomain, evidence.MxHosts.SelectMany(mx => mx.Certificates).SelectMany(names => names));
        }
    }

    [Fact]
    public void No_evidence_gives_no_name()
    {
        var choice = TlsDomainSelection.For(null);

        Assert.Null(choice.TlsDomain);
        Assert.Contains("not assessed yet", choice.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void An_assessment_without_mx_hosts_gives_no_name()
        => Assert.Null(TlsDomainSelection.For(new ConnectorEvidence([], true, false, DateTimeOffset.UnixEpoch, true)).TlsDomain);

    [Theory]
    [InlineData(false, false, null)]
    [InlineData(true, false, "mx.partner.com")]
    [InlineData(false, true, "mx.partner.com")]
    public void A_name_rests_only_on_dnssec_authenticated_or_re_checked_evidence(bool mxLookupSecure, bool checkedAtExport, string? expected)
    {
        var choice = TlsDomainSelection.For(Evidence("mx.partner.com=mx.partner.com", mxLookupSecure, checkedAtExport));

        Assert.Equal(expected, choice.TlsDomain);
        if (expected is null)
        {
            Assert.Contains("not DNSSEC-signed", choice.Why, StringComparison.Ordinal);
        }
    }
}
