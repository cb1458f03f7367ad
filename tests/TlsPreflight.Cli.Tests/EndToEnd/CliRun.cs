using System.Diagnostics;

namespace TlsPreflight.Cli.Tests.EndToEnd;

/// <summary>Runs `tlspreflight` for the end-to-end tests: in-process through <see cref="CliApp.RunAsync"/>, or, when
/// <see cref="BinaryVariable"/> names a published binary (scripts/test.sh sets it to the Native AOT build), as that
/// process — so the same tests judge the binary users run.</summary>
internal static class CliRun
{
    public const string BinaryVariable = "TLSPREFLIGHT_CLI_BINARY";

    public static string? Binary => Environment.GetEnvironmentVariable(BinaryVariable) is { Length: > 0 } path ? path : null;

    public static async Task<int> RunAsync(string[] args, StringWriter stdout, StringWriter stderr, CancellationToken cancellationToken)
    {
        if (Binary is not { } binary)
            return await CliApp.RunAsync(args, stdout, stderr, cancellationToken: cancellationToken);
        if (!File.Exists(binary))
            throw new FileNotFoundException($"{BinaryVariable} names no file", binary);

        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await stdout.WriteAsync(await output);
        await stderr.WriteAsync(await errors);
        return process.ExitCode;
    }
}
