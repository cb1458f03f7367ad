using System.Runtime.InteropServices;
using System.Text.Json;
using TlsPreflight.TestLab.Scenarios;

namespace TlsPreflight.TestLab;

/// <summary>`serve --out lab.json [--smtp-port N] [--scenario bench]`: start the scenario servers, describe them in lab.json, run until killed.</summary>
internal static class LabProgram
{
    private static async Task<int> Main(string[] args)
    {
        if (args is not ["serve", .. var rest])
        {
            await Console.Error.WriteLineAsync("usage: TlsPreflight.TestLab serve --out lab.json [--smtp-port N] [--scenario bench]");
            return 2;
        }
        var outFile = Option(rest, "--out") ?? "lab.json";
        var smtpPort = int.TryParse(Option(rest, "--smtp-port"), out var p) ? p : 0;

        await using var lab = LabScenarios.Start(smtpPort);
        // bench/engine.sh: 50 domains over 10 shared MX hosts (BenchScenario).
        await using var bench = Option(rest, "--scenario") == "bench" ? BenchScenario.Start(lab) : null;
        var description = new
        {
            dnsServer = lab.Dns.Address,
            smtpPort = lab.SmtpPort,
            httpsPort = lab.Https.Port,
            caFile = lab.CaFile,
            // The lab's resolver sets the AD bit like a validating one; names are on 127/8.
            trustResolverDnssec = true,
            allowPrivateNetworks = true,
            domains = lab.ExpectedLevels,
            bench = bench is null ? null : new { domains = bench.Domains, mxHosts = bench.MxHosts },
        };
        var json = JsonSerializer.Serialize(description, new JsonSerializerOptions { WriteIndented = true });
        await File.WriteAllTextAsync(outFile + ".tmp", json);
        File.Move(outFile + ".tmp", outFile, overwrite: true); // readers never see half a file
        Console.WriteLine($"lab serving; described in {Path.GetFullPath(outFile)}");

        // Handle SIGTERM/SIGINT ourselves so the servers stop and the CA file is deleted before exit.
        var stop = new TaskCompletionSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
        await stop.Task;
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
