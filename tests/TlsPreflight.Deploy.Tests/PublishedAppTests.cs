using System.Diagnostics;
using Npgsql;
using TlsPreflight.Deploy.Tests.Infrastructure;

namespace TlsPreflight.Deploy.Tests;

/// <summary>The images cannot be built here (no Docker daemon, no base images), so this runs what they run: the
/// build stages' `RUN dotnet …` lines as written, then the published apps from their publish folders with the
/// compose file's environment, against the real PostgreSQL and Redis that `npm test` starts.</summary>
public sealed class PublishedAppTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>What an admin puts in deploy/.env.</summary>
    private static readonly Dictionary<string, string> DotEnv = new()
    {
        ["PUBLIC_HOST"] = "tls.contoso.test",
        ["POSTGRES_PASSWORD"] = "unused-here",
        ["AZUREAD_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
        ["AZUREAD_CLIENT_SECRET"] = "unused-here",
        ["AZUREAD_TENANT_ID"] = "00000000-0000-0000-0000-0000000000aa",
        ["PROBER_KEY"] = "deploy-test-key-0123456789-0123456789",
    };

    [Fact]
    public async Task The_dockerfiles_publish_commands_succeed_and_the_published_api_answers_ready_with_the_compose_environment()
    {
        var apiImage = new Dockerfile(Repository.PathTo("Dockerfile"));
        var proberImage = new Dockerfile(Repository.PathTo("prober.Dockerfile"));
        await Task.WhenAll(RunAllAsync(apiImage.DotnetCommands("build")), RunAllAsync(proberImage.DotnetCommands("build")));
        var apiFolder = PublishedFolder(apiImage);
        var proberFolder = PublishedFolder(proberImage);
        // The runtime stage's other COPY: the add-in built by the Node stage (`npm run build`, which npm test ran).
        Assert.Contains("/src/addin/dist", apiImage.CopiedFrom("addin"));
        CopyFolder(Repository.PathTo("addin/dist"), Path.Combine(apiFolder, "addin", "dist"));

        var compose = new ComposeFile(Repository.PathTo("deploy/compose.yaml"));
        await using var prober = AppProcess.Start(proberFolder, "TlsPreflight.Prober.dll", Resolve(compose.EnvironmentOf("prober")));
        await prober.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60), Cancel);

        var keys = Directory.CreateTempSubdirectory("tlspreflight-keys-");
        var api = Resolve(compose.EnvironmentOf("api-1"));
        // Only the addresses of the compose network change: loopback services stand in for postgres, redis and prober.
        api["ConnectionStrings__Postgres"] = await FreshDatabaseAsync();
        api["ConnectionStrings__Redis"] = Required("TLSPREFLIGHT_TEST_REDIS");
        api["Probing__Remote__Url"] = prober.Url.AbsoluteUri;
        api["DataProtection__KeysPath"] = keys.FullName;
        await using var app = AppProcess.Start(apiFolder, "TlsPreflight.Api.dll", api);

        await app.WaitForAsync("/health/ready", TimeSpan.FromSeconds(90), Cancel);
        using var http = new HttpClient();
        using var anonymous = await http.PostAsync(new Uri(app.Url, "/api/v1/assessments"), new StringContent("""{"recipients":["a@example.com"],"intent":"preview"}""", System.Text.Encoding.UTF8, "application/json"), Cancel);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode); // Production: no development sign-in
        keys.Delete(recursive: true);
    }

    private static Dictionary<string, string> Resolve(IReadOnlyDictionary<string, string> environment)
        => environment.ToDictionary(e => e.Key, e => ComposeFile.Interpolate(e.Value, DotEnv));

    /// <summary>The `-o` folder of the stage's `dotnet publish`, which the runtime stage copies.</summary>
    private static string PublishedFolder(Dockerfile image)
    {
        var publish = image.DotnetCommands("build").Single(c => c.StartsWith("dotnet publish ", StringComparison.Ordinal)).Split(' ');
        var output = publish[Array.IndexOf(publish, "-o") + 1];
        Assert.Contains("/src/" + output, image.CopiedFrom("build"));
        return Repository.PathTo(output);
    }

    private static async Task RunAllAsync(IReadOnlyList<string> commands)
    {
        Assert.NotEmpty(commands);
        foreach (var command in commands)
        {
            var info = new ProcessStartInfo("bash", ["-c", command]) { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info)!;
            var stdout = process.StandardOutput.ReadToEndAsync(Cancel);
            var stderr = process.StandardError.ReadToEndAsync(Cancel);
            await process.WaitForExitAsync(Cancel);
            Assert.True(process.ExitCode == 0, $"`{command}` exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    private static void CopyFolder(string from, string to)
    {
        Assert.True(Directory.Exists(from), $"{from} is missing: run `npm run build` first (npm test does)");
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static async Task<string> FreshDatabaseAsync()
    {
        var server = Required("TLSPREFLIGHT_TEST_POSTGRES");
        var name = "tlspreflight_deploy_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync(Cancel);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(Cancel);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static string Required(string variable)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set: `npm test` (scripts/test.sh) starts the server and sets it.");
}
