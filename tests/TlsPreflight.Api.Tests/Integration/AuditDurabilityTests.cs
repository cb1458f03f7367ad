using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace TlsPreflight.Api.Tests.Integration;

/// <summary>The API as its own process (the built DLL, SQLite), killed with SIGKILL right after answering a burst of sends.</summary>
public sealed class AuditDurabilityTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("tlspreflight-kill-").FullName;
    private Process? api;
    private int port;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string Database => Path.Combine(folder, "api.db");

    public async ValueTask InitializeAsync()
    {
        // tests/TlsPreflight.Api.Tests/bin/<Configuration>/<framework>/ → the API's own output of the same build.
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var dll = Path.Combine(root, "backend", "TlsPreflight.Api", "bin", configuration, framework, "TlsPreflight.Api.dll");
        Assert.True(File.Exists(dll), $"build the API first: {dll}");
        Directory.CreateDirectory(Path.Combine(folder, "addin"));
        await File.WriteAllTextAsync(Path.Combine(folder, "addin", "launchevent.js"), "// built add-in\n", Cancel);

        port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Database}";
        start.Environment["Addin__DistPath"] = Path.Combine(folder, "addin");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        api = Process.Start(start)!;
        api.OutputDataReceived += (_, _) => { };
        api.ErrorDataReceived += (_, _) => { };
        api.BeginOutputReadLine();
        api.BeginErrorReadLine();
    }

    public async ValueTask DisposeAsync()
    {
        if (api is { HasExited: false })
        {
            api.Kill();
            await api.WaitForExitAsync();
        }

        api?.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // harmless temp folder
        }
    }

    [Fact]
    public async Task Every_acknowledged_send_is_in_the_database_after_the_process_is_killed()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}") };
        await WaitUntilLiveAsync(http);
        var tenant = Guid.NewGuid().ToString();
        using var token = await http.PostAsJsonAsync("/dev/token", new { tenantId = tenant, userId = "admin", name = "admin@contoso.test", roles = new[] { "TlsPreflight.Admin" } }, Cancel);
        var accessToken = (string)JsonNode.Parse(await token.Content.ReadAsStringAsync(Cancel))!["accessToken"]!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        // Internal recipients: decided without a probe, so the test needs no network.
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/policy")
        {
            Content = JsonContent.Create(JsonNode.Parse("""
                {"failMode":"open","defaultRule":{"requiredLevel":"encrypted","action":"warn"},"forcedTls":[],
                 "internalDomains":{"manual":["contoso.test"]},"audit":{"storeRecipientAddresses":false,"retentionDays":90}}
                """)),
        })
        {
            put.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
            using var saved = await http.SendAsync(put, Cancel);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        // A burst, so the writer batches several entries per transaction.
        var sends = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await http.PostAsJsonAsync("/api/v1/assessments", new { recipients = new[] { $"u{i}@contoso.test" }, intent = "send" }, Cancel);
            return response.StatusCode;
        }));
        api!.Kill(); // SIGKILL: no shutdown, no flush
        await api.WaitForExitAsync(Cancel);

        // Under load a send may be refused (503, not written); every one acknowledged must be there.
        var acknowledged = sends.Count(s => s == HttpStatusCode.OK);
        Assert.All(sends, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {s}"));
        Assert.True(acknowledged > 0, "no send was acknowledged");
        await using var db = new SqliteConnection($"Data Source={Database};Pooling=false");
        await db.OpenAsync(Cancel);
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM audit_entries WHERE \"TenantId\" = $tenant";
        count.Parameters.AddWithValue("$tenant", tenant);
        Assert.Equal(acknowledged, Convert.ToInt32(await count.ExecuteScalarAsync(Cancel), CultureInfo.InvariantCulture));
    }

    private static async Task WaitUntilLiveAsync(HttpClient http)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var live = await http.GetAsync("/health/live", Cancel);
                if (live.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100, Cancel);
        }

        throw new TimeoutException("The API process did not start within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
