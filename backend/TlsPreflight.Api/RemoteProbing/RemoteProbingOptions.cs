namespace TlsPreflight.Api.RemoteProbing;

/// <summary>`Probing:Remote`: probe agents (TlsPreflight.Prober) that do the SMTP part where port 25 is open.
/// When <see cref="Url"/> is set, this process opens no SMTP connection.</summary>
public sealed class RemoteProbingOptions
{
    public const string SectionName = "Probing:Remote";

    /// <summary>One agent's base URL, or several separated by commas or spaces
    /// (`https://prober-a:8443,https://prober-b:8443`). Empty: the engine runs in this process.</summary>
    public string? Url { get; set; }

    /// <summary>The key every agent accepts (one of its `Prober:Keys`).</summary>
    public string? Key { get; set; }

    /// <summary>One call to one agent; above the agent's own DomainTimeout (45 s), so a slow domain is not cut short.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A black-holed agent is given up this soon, and the next one is asked.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Domains per call (the agent's `Prober:MaxDomainsPerBatch` must be at least this).</summary>
    public int MaxDomainsPerCall { get; set; } = 50;

    public bool Enabled => Agents.Count > 0;

    /// <summary>The agents' base URLs, parsed from <see cref="Url"/>.</summary>
    public IReadOnlyList<Uri> Agents => [.. (Url ?? "")
        .Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(u => new Uri(u.EndsWith('/') ? u : u + "/", UriKind.Absolute))];
}
