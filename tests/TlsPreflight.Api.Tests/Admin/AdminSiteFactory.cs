using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TlsPreflight.Api.Tests.Infrastructure;
using TlsPreflight.Probing.Assessment;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>The real service in-process with its own SQLite file, for the admin page tests. The engine is
/// <see cref="LevelByLabelAssessor"/>, so page behaviour is tested without probing (the engine has its own tests).</summary>
public class AdminSiteFactory : WebApplicationFactory<Program>
{
    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "tlspreflight-admin-tests", Guid.NewGuid().ToString("N"));

    protected virtual string Environment => "Development";

    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(dataFolder);
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(dataFolder, "admin.db")}");
        builder.UseSetting("Graph:BaseUrl", "");
        builder.UseSetting("Addin:DistPath", dataFolder);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Assessments:SendDeadline", "00:00:05");
        builder.UseSetting("Access:AllowedTenants:0", "*");
        builder.UseSetting("Monitoring:Enabled", "false"); // tests run the partner monitor's passes themselves
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IDomainAssessor>();
            services.AddSingleton<IDomainAssessor, LevelByLabelAssessor>();
        });
    }

    /// <summary>A browser-like session (cookies kept, redirects not followed) signed in on the development sign-in page.</summary>
    public Task<AdminSession> SignInAsync(string tenantId, string userId = "admin", bool admin = true)
        => AdminSession.SignInAsync(this, tenantId, userId, admin);

    /// <summary>An API client with a development bearer token, as the add-in has.</summary>
    public Task<HttpClient> ApiClientAsync(string tenantId, string userId = "sender", bool admin = false)
        => this.CreateSignedInClientAsync(tenantId, userId, admin);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite handle may linger for a moment; a temp folder left behind is harmless.
        }

        GC.SuppressFinalize(this);
    }

}

/// <summary>The service as deployed: Production, no development sign-in.</summary>
public sealed class ProductionAdminSiteFactory : AdminSiteFactory
{
    protected override string Environment => "Production";
}
