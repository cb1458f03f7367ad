namespace TlsPreflight.Probing;

/// <summary>
/// The engine's one configuration type. The CLI flags and the API's `Probing` section use these names.
/// </summary>
public sealed class ProbingOptions
{
    public const string SectionName = "Probing";

    /// <summary>Name servers as "IP" or "IP:PORT" (port 53 when omitted). Empty: the system's resolvers.</summary>
    public List<string> DnsServers { get; set; } = [];

    /// <summary>The configured resolver validates DNSSEC, so its AD bit is trusted.</summary>
    public bool TrustResolverDnssec { get; set; }

    public int SmtpPort { get; set; } = 25;

    /// <summary>Port for the MTA-STS policy fetch (RFC 8461 §3.3 says 443; labs may use another).</summary>
    public int HttpsPort { get; set; } = 443;

    /// <summary>Allow dialling loopback/private addresses found in DNS. Labs and tests only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The deployment's own networks as CIDR ranges ("10.20.0.0/16", "fd00:1234::/32"): never dialled,
    /// on top of the private and reserved ranges the guard always refuses, even with AllowPrivateNetworks.</summary>
    public List<string> ExtraRefusedRanges { get; set; } = [];

    /// <summary>PEM file with extra trusted CA certificates, for SMTP and the MTA-STS fetch.</summary>
    public string? ExtraTrustedCaFile { get; set; }

    /// <summary>Stable EHLO name, so receiving servers can identify the prober.</summary>
    public string EhloName { get; set; } = "tlspreflight.invalid";

    public TimeSpan DnsTimeout { get; set; } = TimeSpan.FromSeconds(3);
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>Per SMTP step: banner, EHLO, STARTTLS reply, QUIT.</summary>
    public TimeSpan SmtpCommandTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan TlsHandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MtaStsFetchTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>After a failed policy fetch with no cached policy, the policy host is not asked again for this long
    /// (RFC 8461 §3.3; zero: fetch on every assessment).</summary>
    public TimeSpan MtaStsFetchBackoff { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Upper bound for a whole domain assessment.</summary>
    public TimeSpan DomainTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Concurrent SMTP connections over all hosts; one per MX address is always the rule.</summary>
    public int MaxConcurrentProbes { get; set; } = 16;

    /// <summary>Concurrent DNS questions (an A+AAAA pair counts as one).</summary>
    public int MaxConcurrentDnsQueries { get; set; } = 32;

    /// <summary>Concurrent MTA-STS policy fetches.</summary>
    public int MaxConcurrentPolicyFetches { get; set; } = 8;

    /// <summary>Work one tenant may have waiting per kind (DNS, SMTP, HTTPS); more is answered rate-limited.</summary>
    public int MaxQueuedPerTenant { get; set; } = 4096;

    /// <summary>Work waiting per kind over all tenants; at the bound the longest queue gives way.</summary>
    public int MaxQueued { get; set; } = 16384;

    /// <summary>MX probe results kept (oldest finished ones go first).</summary>
    public int MxResultCacheSize { get; set; } = 10_000;

    /// <summary>MTA-STS policies kept (those expiring soonest go first).</summary>
    public int MtaStsPolicyCacheSize { get; set; } = 10_000;

    /// <summary>At most this many MX hosts are probed per domain (most preferred first).</summary>
    public int MaxMxHosts { get; set; } = 10;

    /// <summary>How long one MX host's probe result is reused for other domains.</summary>
    public TimeSpan MxResultCacheLifetime { get; set; } = TimeSpan.FromMinutes(10);
}
