using System.Net;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>The admin pages speak the browser's language (Accept-Language): headings, navigation, labels, buttons and
/// table headers, not only the sentences; English is the fallback.</summary>
public sealed class AdminLanguageTests(AdminSiteFactory site) : IClassFixture<AdminSiteFactory>
{
    [Fact]
    public async Task An_admin_whose_browser_speaks_german_reads_german_headings_navigation_labels_and_buttons()
    {
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));
        admin.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        var overview = await admin.GetAsync("/admin");
        var policy = await admin.GetAsync("/admin/policy");
        var requests = await admin.GetAsync("/admin/requests");
        var audit = await admin.GetAsync("/admin/audit");

        Assert.Contains("<html lang=\"de\">", overview.Html, StringComparison.Ordinal);
        Assert.Contains("<h1>Übersicht</h1>", WebUtility.HtmlDecode(overview.Html), StringComparison.Ordinal);
        Assert.True(overview.Shows("Domain prüfen"));
        Assert.True(overview.Shows("Abmelden"));
        Assert.Contains("<h1>Richtlinie</h1>", policy.Html, StringComparison.Ordinal);
        Assert.True(policy.Shows("Standardregel für externe Domains"));
        Assert.True(policy.Shows("Domainmuster"));
        Assert.True(policy.Shows("Richtlinie speichern"));
        Assert.False(policy.Shows("Save policy"));
        Assert.Contains("<h1>Anfragen</h1>", requests.Html, StringComparison.Ordinal);
        Assert.True(requests.Shows("Offene Ausnahmeanfragen"));
        Assert.True(requests.Shows("Keine offenen Anfragen."));
        Assert.True(audit.Shows("Sendeentscheidungen"));
        Assert.True(audit.Shows("Keine Sendeentscheidungen in den letzten 30 Tagen."));
    }

    [Fact]
    public async Task A_browser_in_a_language_the_service_does_not_speak_reads_english()
    {
        using var admin = await site.SignInAsync(Guid.NewGuid().ToString("N"));
        admin.Client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja-JP");

        var policy = await admin.GetAsync("/admin/policy");

        Assert.Contains("<html lang=\"en\">", policy.Html, StringComparison.Ordinal);
        Assert.Contains("<h1>Policy</h1>", policy.Html, StringComparison.Ordinal);
        Assert.True(policy.Shows("Save policy"));
    }
}
