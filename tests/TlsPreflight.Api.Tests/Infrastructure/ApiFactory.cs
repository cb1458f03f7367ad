using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using TlsPreflight.Probing.Assessment;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>The real API in-process (Development environment, development sign-in, a real database, the real
/// Graph SDK against <see cref="LoopbackGraph"/>), with the engine replaced by <see cref="ScriptedAssessor"/>
/// unless <see cref="UseScriptedEngine"/> is false.</summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "tlspreflight-api-tests", Guid.NewGuid().ToString("N"));

    public ScriptedAssessor Assessor { get; } = new();

    public LoopbackGraph Graph { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    /// <summary>The service's clock; tests move it forward to see expiries.</summary>
    public ShiftableClock Clock { get; } = new();

    /// <summary>Configuration applied over appsettings (UseSetting, so start-up code sees it).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected virtual bool UseScriptedEngine => true;

    /// <summary>The hosting environment; Development unless a test says otherwise.</summary>
    public string EnvironmentName { get; init; } = "Development";

    public virtual async ValueTask InitializeAsync()
    {
        Graph = await LoopbackGraph.StartAsync(TestContext.Current.CancellationToken);
        Directory.CreateDirectory(Path.Combine(dataFolder, "addin"));
        await File.WriteAllTextAsync(Path.Combine(dataFolder, "addin", "launchevent.js"), "// built add-in\n", TestContext.Current.CancellationToken);
        Settings["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(dataFolder, "api.db")}";
        Settings["Graph:BaseUrl"] = Graph.BaseUrl;
        Settings["Logging:LogLevel:Default"] = "Warning";
        // The TestServer has no body size limit to set (BodyLimitOnKestrelTests prove the limit on Kestrel).
        Settings["Logging:LogLevel:Microsoft.AspNetCore.Routing.EndpointRoutingMiddleware"] = "Error";
        Settings["Addin:DistPath"] = Path.Combine(dataFolder, "addin");
        Settings["Cors:AllowedOrigins:0"] = "https://addin.example";
        Settings["Assessments:SendDeadline"] = "00:00:00.500";
        Settings["Assessments:PreviewDeadline"] = "00:00:10";
        Settings["Access:AllowedTenants:0"] = "*"; // tests use a new tenant each; outside Development the list is required
        // The partner monitor's loop runs only in the tests about it (they call a pass or turn it on).
        Settings["Monitoring:Enabled"] = "false";
        await ConfigureAsync(Settings);
    }

    /// <summary>Subclasses add their database and cache here.</summary>
    protected virtual Task ConfigureAsync(Dictionary<string, string?> settings) => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Information));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        if (UseScriptedEngine)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IDomainAssessor>();
                services.AddSingleton<IDomainAssessor>(Assessor);
            });
        }
    }

    /// <summary>A client signed in through `POST /dev/token`.</summary>
    public Task<HttpClient> SignInAsync(string tenantId, string userId = "user-1", bool admin = false, string? name = null)
        => this.CreateSignedInClientAsync(tenantId, userId, admin, name);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Graph.DisposeAsync();
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

}

/// <summary>The embedded default: a SQLite file, in-memory cache.</summary>
public sealed class SqliteApiFactory : ApiFactory;

/// <summary>Production storage: a fresh PostgreSQL database per test class, Redis as the second-level cache.</summary>
public sealed class PostgresApiFactory : ApiFactory
{
    protected override async Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Postgres"] = await TestServices.CreatePostgresDatabaseAsync(TestContext.Current.CancellationToken);
        settings["ConnectionStrings:Redis"] = TestServices.Redis;
    }
}

/// <summary>The embedded default on real Kestrel at 127.0.0.1 and a free port, for what the TestServer does not do
/// (Kestrel's limits); <c>CreateClient</c> talks to it over TCP.</summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
    }
}
