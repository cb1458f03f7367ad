using System.Net;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>Domain lookup shows the report and the tenant's decision; the export page renders the tenant's rules.</summary>
public sealed class DomainAndExportPageTests(AdminSiteFactory site) : IClassFixture<AdminSiteFactory>
{
    [Fact]
    public async Task Domain_lookup_shows_the_report_and_what_the_policy_decides()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await site.SignInAsync(tenant);
        var form = await admin.GetAsync("/admin/policy");
        using var _ = await admin.PostFormAsync("/admin/policy", form.AntiforgeryToken,
            PolicyFormFields.Build(0, [("encrypted.partner.test", "Verified", "Block")]));

        var page = await admin.GetAsync("/admin/domains?domain=Encrypted.Partner.Test");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("id=\"level\">encrypted<", page.Html, StringComparison.Ordinal);
        Assert.True(page.Shows("The mail server's certificate does not chain to a trusted authority"));
        Assert.True(page.Shows("mx.encrypted.partner.test"));
        Assert.True(page.Shows("TLSv1.3"));
        Assert.True(page.Shows("CN=Lab Test CA"));
        Assert.Contains("decision-block\">block<", page.Html, StringComparison.Ordinal);
        Assert.True(page.Shows("Rule encrypted.partner.test requires verified, action block."));
    }

    [Theory]
    [InlineData("bob@partner.com", "not an e-mail address")]
    [InlineData("bad..name", "")]
    [InlineData("-x.com", "")]
    public async Task Domain_lookup_refuses_what_is_not_a_domain_with_a_message(string input, string expected)
    {
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));

        var page = await admin.GetAsync("/admin/domains?domain=" + Uri.EscapeDataString(input));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("id=\"domain-error\"", page.Html, StringComparison.Ordinal);
        Assert.True(page.Shows(expected));
        Assert.DoesNotContain("id=\"report\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_page_renders_connectors_for_the_block_rules()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await site.SignInAsync(tenant);
        var form = await admin.GetAsync("/admin/policy");
        using var _ = await admin.PostFormAsync("/admin/policy", form.AntiforgeryToken, PolicyFormFields.Build(0,
            [("partner.com", "Verified", "Block"), ("*.college.edu", "Encrypted", "Block"), ("soft.com", "Verified", "Warn")]));

        var page = await admin.GetAsync("/admin/export");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Shows("New-OutboundConnector -Name 'TLS Preflight verified partner.com'"));
        Assert.True(page.Shows("-RecipientDomains '*.college.edu' -TlsSettings 'EncryptionOnly'"));
        Assert.True(page.Shows("# skipped soft.com"));
        Assert.Contains("data-copy=\"#script\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_takes_tlsdomain_from_the_certificate_it_observed_and_re_checks_a_cached_unsigned_lookup()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await site.SignInAsync(tenant);
        var form = await admin.GetAsync("/admin/policy");
        using var _ = await admin.PostFormAsync("/admin/policy", form.AntiforgeryToken, PolicyFormFields.Build(0,
            [("verified.export.test", "Verified", "Block"), ("unknown.export.test", "Verified", "Block")]));
        await admin.GetAsync("/admin/domains?domain=verified.export.test"); // cached, MX lookup not DNSSEC-signed

        var page = await admin.GetAsync("/admin/export");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Shows("-TlsSettings 'DomainValidation' -TlsDomain 'mx.verified.export.test'"));
        Assert.True(page.Shows("# MX mx.verified.export.test: certificate names mx.verified.export.test"));
        Assert.True(page.Shows("re-checked for this export; MX lookup not DNSSEC-signed"));
        // The unknown domain's MX offered no TLS: no certificate, so no name is guessed.
        Assert.True(page.Shows("-RecipientDomains 'unknown.export.test' -TlsSettings 'CertificateValidation' -UseMXRecord"));
        Assert.True(page.Shows("no certificate was observed on mx.unknown.export.test"));
        Assert.False(page.Shows("*.unknown.export.test"));
        Assert.True(page.Shows("Remove-OutboundConnector -Identity $connector.Name -WhatIf"));
    }
}

/// <summary>An export whose deadline passes while a domain is still being assessed.</summary>
public sealed class ExportDeadlineTests(ExportDeadlineTests.ShortDeadlineSite site) : IClassFixture<ExportDeadlineTests.ShortDeadlineSite>
{
    public sealed class ShortDeadlineSite : AdminSiteFactory
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Assessments:PreviewDeadline"] = "00:00:01",
        };
    }

    [Fact]
    public async Task A_domain_still_being_assessed_gets_no_guessed_name_and_the_page_says_so()
    {
        var tenant = Guid.NewGuid().ToString("N");
        using var admin = await site.SignInAsync(tenant);
        var form = await admin.GetAsync("/admin/policy");
        using var _ = await admin.PostFormAsync("/admin/policy", form.AntiforgeryToken, PolicyFormFields.Build(0, [("slow.export.test", "Verified", "Block")]));

        var page = await admin.GetAsync("/admin/export");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("id=\"still-checking\"", page.Html, StringComparison.Ordinal);
        Assert.True(page.Shows("-RecipientDomains 'slow.export.test' -TlsSettings 'CertificateValidation'"));
        Assert.True(page.Shows("not assessed yet"));
    }
}
