using Microsoft.Extensions.Options;
using TlsPreflight.Probing;
using TlsPreflight.Probing.Assessment;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Cli.Tests.Commands;

/// <summary>Unit-test stand-in for the engine: records what the CLI asked and returns given assessments.</summary>
internal sealed class RecordingAssessor(IOptions<ProbingOptions> options, RecordingAssessor.Script script) : IDomainAssessor
{
    /// <summary>What the test wants the engine to do, and what it saw.</summary>
    internal sealed class Script
    {
        public Func<IReadOnlyList<string>, IReadOnlyList<DomainAssessment>> Respond { get; init; } = _ => [];
        public List<string> Requested { get; } = [];
        public ProbingOptions? SeenOptions { get; set; }
    }

    public Task<DomainAssessment> AssessAsync(string domainOrAddress, CancellationToken cancellationToken)
        => throw new NotSupportedException("the CLI calls AssessManyAsync");

    public Task<IReadOnlyList<DomainAssessment>> AssessManyAsync(IEnumerable<string> domainsOrAddresses, CancellationToken cancellationToken)
    {
        var requested = domainsOrAddresses.ToList();
        script.Requested.AddRange(requested);
        script.SeenOptions = options.Value;
        return Task.FromResult(script.Respond(requested));
    }
}
