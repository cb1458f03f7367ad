using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Cli.Output;
using TlsPreflight.Probing;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Certificates;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Cli.Commands;

/// <summary>`tlspreflight check &lt;domain|address&gt;...`: assess the domains and print a table or JSON.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Action<IServiceCollection> addEngine)
    {
        var flags = new CheckOptions();
        var command = new Command("check", "Assess how mail to each domain travels: STARTTLS, certificates, MTA-STS, DANE, TLS-RPT.");
        flags.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, flags, stdout, stderr, addEngine, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CheckOptions flags, TextWriter stdout, TextWriter stderr,
        Action<IServiceCollection> addEngine, CancellationToken cancellationToken)
    {
        var targets = parseResult.GetValue(flags.Targets) ?? [];
        foreach (var target in targets)
        {
            if (target.StartsWith('-'))
            {
                await stderr.WriteLineAsync($"tlspreflight: unknown option '{target}' (see 'tlspreflight check --help')");
                return CliApp.UsageError;
            }

            // Refuse bad input before any network work, with one line naming it.
            if (!DomainName.TryNormalize(target, out _, out var error))
            {
                await stderr.WriteLineAsync($"tlspreflight: '{target}' is not a valid domain or address: {error}");
                return CliApp.UsageError;
            }
        }

        // Read the machine's CAs while DNS and SMTP run, not after the handshake (a process makes one probe or few).
        _ = SystemTrustStore.StartLoading();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<ProbingOptions>().Configure(options => flags.Apply(parseResult, options));
        addEngine(services);
        await using var provider = services.BuildServiceProvider();
        var assessor = provider.GetRequiredService<IDomainAssessor>();

        try
        {
            var assessments = await assessor.AssessManyAsync(targets, cancellationToken);
            if (parseResult.GetValue(flags.Json))
            {
                await stdout.WriteLineAsync(AssessmentJson.Serialize(assessments, indented: true));
            }
            else
            {
                TableWriter.Write(stdout, assessments);
            }
        }
        catch (InvalidDomainException ex)
        {
            await stderr.WriteLineAsync($"tlspreflight: {ex.Message}");
            return CliApp.UsageError;
        }

        return CliApp.Assessed;
    }
}
