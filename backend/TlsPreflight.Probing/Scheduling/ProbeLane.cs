namespace TlsPreflight.Probing.Scheduling;

/// <summary>The kinds of network work the scheduler limits, each with its own slots and queues.</summary>
public enum ProbeLane
{
    /// <summary>One DNS question (an A+AAAA pair or an implicit-MX fallback counts as one).</summary>
    Dns,
    /// <summary>One SMTP conversation with one MX address; at most one at a time per address gate.</summary>
    Smtp,
    /// <summary>One MTA-STS policy fetch over HTTPS (RFC 8461 §3.3).</summary>
    Https,
}
