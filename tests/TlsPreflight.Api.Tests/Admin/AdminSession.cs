using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>A page as the browser got it: status, HTML and the anti-forgery token of its forms.</summary>
public sealed partial record AdminPage(HttpStatusCode Status, string Html, string? Location)
{
    public string AntiforgeryToken => AntiforgeryInput().Match(Html) is { Success: true } m
        ? WebUtility.HtmlDecode(m.Groups["token"].Value)
        : throw new InvalidOperationException("The page has no anti-forgery token.");

    /// <summary>The value of a hidden or text input, by name.</summary>
    public string? InputValue(string name)
    {
        var match = Regex.Match(Html, $"<input[^>]*name=\"{Regex.Escape(name)}\"[^>]*value=\"(?<value>[^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["value"].Value) : null;
    }

    /// <summary>The validation message shown next to a form field (empty when none).</summary>
    public string? ValidationMessage(string field)
    {
        var match = Regex.Match(Html, $"<span[^>]*data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>(?<text>[^<]*)</span>");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["text"].Value) : null;
    }

    /// <summary>Whether the page's visible text (tags removed, white space collapsed) contains <paramref name="text"/>.</summary>
    public bool Shows(string text)
        => Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(Html, "")), " ").Contains(text, StringComparison.Ordinal);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"|type=\"hidden\" name=\"__RequestVerificationToken\" value=\"(?<token>[^\"]+)\"|name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}

/// <summary>Cookies kept between requests, redirects visible: what the admin's browser does.</summary>
public sealed class AdminSession(HttpClient client) : IDisposable
{
    public HttpClient Client => client;

    /// <summary>Signs in on the development sign-in page of <paramref name="site"/>, as a person would.</summary>
    public static async Task<AdminSession> SignInAsync(WebApplicationFactory<Program> site, string tenantId, string userId = "admin", bool admin = true)
    {
        var session = new AdminSession(site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var page = await session.GetAsync("/admin/signin");
        using var response = await session.PostFormAsync("/admin/signin", page.AntiforgeryToken, new()
        {
            ["Form.TenantId"] = tenantId,
            ["Form.UserId"] = userId,
            ["Form.Name"] = $"{userId}@{tenantId}.example",
            ["Form.IsAdmin"] = admin ? "true" : "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    public async Task<AdminPage> GetAsync(string path)
    {
        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        return await ReadAsync(response);
    }

    /// <summary>Posts a form; <paramref name="token"/> null leaves the anti-forgery token out.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string? token, Dictionary<string, string> fields)
    {
        var body = new List<KeyValuePair<string, string>>(fields);
        if (token != null)
        {
            body.Add(new("__RequestVerificationToken", token));
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(body), TestContext.Current.CancellationToken);
    }

    public async Task<AdminPage> PostAsync(string path, string? token, Dictionary<string, string> fields)
    {
        using var response = await PostFormAsync(path, token, fields);
        return await ReadAsync(response);
    }

    public static async Task<AdminPage> ReadAsync(HttpResponseMessage response)
        => new(response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Headers.Location?.ToString());

    public void Dispose() => client.Dispose();
}
