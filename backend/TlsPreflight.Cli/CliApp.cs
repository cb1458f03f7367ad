using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Cli.Commands;
using TlsPreflight.Probing;

namespace TlsPreflight.Cli;

/// <summary>The `tlspreflight` command line: parse, report usage errors with exit code 2, run the command.</summary>
public static class CliApp
{
    public const int Assessed = 0;
    public const int InternalFailure = 1;
    public const int UsageError = 2;

    /// <param name="addEngine">Registers the engine; tests may replace it. Default: <see cref="ProbingServiceCollectionExtensions.AddTlsPreflightProbing"/>.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr,
        Action<IServiceCollection>? addEngine = null, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("TLS Preflight: how mail to a domain travels (STARTTLS, certificates, MTA-STS, DANE).");
        root.Subcommands.Add(CheckCommand.Create(stdout, stderr, addEngine ?? (s => s.AddTlsPreflightProbing())));

        // No response files: an argument such as "@example.com" is input, not a file to read.
        var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0)
        {
            await stderr.WriteLineAsync($"tlspreflight: {parseResult.Errors[0].Message} (see 'tlspreflight check --help')");
            return UsageError;
        }

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return await parseResult.InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("tlspreflight: cancelled");
            return InternalFailure;
        }
#pragma warning disable CA1031 // the last line of defence: one line and exit code 1 instead of a stack trace
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await stderr.WriteLineAsync($"tlspreflight: internal error: {ex.GetType().Name}: {ex.Message}");
            return InternalFailure;
        }
    }
}
