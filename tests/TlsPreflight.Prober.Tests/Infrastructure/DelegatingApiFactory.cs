using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TlsPreflight.TestLab;

namespace TlsPreflight.Prober.Tests.Infrastructure;

/// <summary>The real API (Development sign-in, SQLite) with the real engine, whose own SMTP port is one where nothing
/// listens — so a right answer can only come from the agents in `Probing:Remote:Url`.</summary>
public sealed class DelegatingApiFactory(LoopbackLab lab, IEnumerable<Uri> agents, string? key = RunningAgent.Key) : WebApplicationFactory<Program>
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "tlspreflight-prober-tests", Guid.NewGuid().ToString("N"));
    private readonly string agentUrls = string.Join(",", agents.Select(a => a.AbsoluteUri));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Path.Combine(dataFolder, "addin"));
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(dataFolder, "api.db")}",
            ["Addin:DistPath"] = Path.Combine(dataFolder, "addin"),
            ["Logging:LogLevel:Default"] = "Error",
            ["Assessments:PreviewDeadline"] = "00:00:30",
            ["Assessments:SendDeadline"] = "00:00:30",
            ["Probing:Remote:Url"] = agentUrls,
            ["Probing:Remote:Key"] = key,
        };
        foreach (var (name, value) in lab.ProbingSettings)
        {
            settings[name] = value;
        }

        // The API's own engine would find the lab's MX hosts, and then a closed port.
        settings["Probing:SmtpPort"] = ClosedPort().ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in settings)
        {
            builder.UseSetting(name, value);
        }
    }

    public async Task<HttpClient> SignInAsync(string tenantId, bool admin = false)
    {
        var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/dev/token",
            new { tenantId, userId = "user-1", name = "user-1@example.test", roles = admin ? new[] { "TlsPreflight.Admin" } : [] },
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenAnswer>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite handle may linger for a moment; the temp folder is harmless.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A port that was free a moment ago and on which nothing listens now.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record TokenAnswer(string AccessToken, int ExpiresIn);
}
