namespace TlsPreflight.Probing.Scheduling;

/// <summary>Classes of work: a lower value is served first. A later class (background re-checks) goes after
/// <see cref="Interactive"/>, so it only ever uses slots that no sender is waiting for.</summary>
public enum ProbePriority
{
    /// <summary>A person is waiting: the add-in, the admin page, the CLI.</summary>
    Interactive = 0,

    /// <summary>Nobody waits: the partner monitor's scheduled re-checks.</summary>
    Background = 1,
}

/// <summary>On whose behalf network work runs: the unit of the scheduler's fair share.</summary>
/// <param name="Tenant">The tenant id (the API's caller) or <see cref="Local"/>'s name for the CLI.</param>
public sealed record ProbeRequester(string Tenant, ProbePriority Priority = ProbePriority.Interactive)
{
    /// <summary>The one requester of a process without tenants (the CLI, benchmarks).</summary>
    public static readonly ProbeRequester Local = new("local");

    /// <summary>The API's partner monitor: one requester for every watched domain, below every sender.</summary>
    public static readonly ProbeRequester PartnerMonitor = new("partner-monitor", ProbePriority.Background);
}
