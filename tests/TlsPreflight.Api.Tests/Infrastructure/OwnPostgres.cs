using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>A PostgreSQL cluster of the test's own (initdb/pg_ctl, as scripts/lib/setup.sh starts one) on a free
/// loopback port under /tmp, so the test can stop it and start it again.</summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private readonly string folder;
    private readonly string bin;

    private OwnPostgres(string folder, string bin, int port)
    {
        this.folder = folder;
        this.bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString
        => $"Host=127.0.0.1;Port={Port.ToString(CultureInfo.InvariantCulture)};Username=postgres;Database=postgres;Timeout=3;Command Timeout=5";

    public static async Task<OwnPostgres> StartAsync(CancellationToken cancellationToken)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderBy(d => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : new Version(0, 0))
            .LastOrDefault() ?? throw new InvalidOperationException("No PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql).");
        // Under /tmp, not the clone: the postgres user must reach the data folder.
        var folder = Directory.CreateTempSubdirectory("tlspreflight-pg-").FullName;
        var postgres = new OwnPostgres(folder, bin, FreePort());
        await postgres.RunAsync("chmod", ["755", folder], asPostgres: false, cancellationToken);
        await postgres.RunAsync("chown", ["-R", "postgres", folder], asPostgres: false, cancellationToken, optional: true);
        await postgres.RunAsync(Path.Combine(bin, "initdb"), ["-D", postgres.DataFolder, "-A", "trust", "-U", "postgres"], asPostgres: true, cancellationToken);
        await postgres.StartAgainAsync(cancellationToken);
        return postgres;
    }

    private string DataFolder => Path.Combine(folder, "pg");

    public Task StartAgainAsync(CancellationToken cancellationToken)
        => RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", DataFolder, "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -k {folder} -c listen_addresses=127.0.0.1", "-l", Path.Combine(folder, "pg.log"), "-w", "start"],
            asPostgres: true, cancellationToken);

    /// <summary>Stops the server (fast shutdown: open connections are cut) and waits until it is down.</summary>
    public Task StopAsync() => RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", DataFolder, "-m", "fast", "-w", "stop"], asPostgres: true, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"], asPostgres: true, CancellationToken.None, optional: true);
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be open for a moment; the temp folder is harmless.
        }
    }

    private async Task RunAsync(string program, string[] arguments, bool asPostgres, CancellationToken cancellationToken, bool optional = false)
    {
        var root = Environment.UserName == "root";
        var start = asPostgres && root
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", program, .. arguments])
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && !optional)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
