namespace TlsPreflight.Api.Monitoring;

/// <summary>`Monitoring`: which partner domains are watched, how often they are re-checked, what is remembered, who is told.</summary>
public sealed class MonitoringOptions
{
    public const string SectionName = "Monitoring";

    /// <summary>Runs the re-check loop on this instance. Off in the test suites unless a test turns it on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each watched domain is re-checked.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Each next check is moved by up to this fraction of <see cref="Interval"/>, so re-checks spread out.</summary>
    public double Jitter { get; set; } = 0.1;

    /// <summary>How often the loop looks for due domains.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A claimed re-check not finished within this time may be claimed by another instance.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many of a tenant's most-mailed external domains (audit, last <see cref="TopDomainsDays"/> days) are watched.</summary>
    public int TopDomains { get; set; } = 200;

    public int TopDomainsDays { get; set; } = 30;

    /// <summary>Posture rows older than this are deleted.</summary>
    public int HistoryDays { get; set; } = 400;

    /// <summary>`downgrade-suspected` looks back this far for a check that found encryption.</summary>
    public TimeSpan DowngradeWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long an answer reuses the findings recalled for its cached assessment before reading the history
    /// again: the most another instance's re-check can be missed by.</summary>
    public TimeSpan RecallFreshness { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>`certificate-expiring` when a watched MX's leaf expires within this many days.</summary>
    public int ExpiryWarningDays { get; set; } = 14;

    /// <summary>Service-wide webhook URLs told of every change.</summary>
    public List<string> Webhooks { get; set; } = [];

    /// <summary>How many webhooks a tenant may keep.</summary>
    public int MaxTenantWebhooks { get; set; } = 5;
}
