namespace TlsPreflight.Api.Assessments;

/// <summary>`Assessments`: cache lifetimes per result and how long a request waits for a probe.</summary>
public sealed class AssessmentOptions
{
    public const string SectionName = "Assessments";

    /// <summary>`unknown` is often transient (timeouts, greylisting): retry soon.</summary>
    public TimeSpan UnknownLifetime { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>no-mail, plaintext, encrypted.</summary>
    public TimeSpan WeakLifetime { get; set; } = TimeSpan.FromMinutes(30);
    /// <summary>verified, enforced; never beyond the MTA-STS max_age.</summary>
    public TimeSpan StrongLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a known level answers for a domain whose latest check came back unknown (stale-if-error).</summary>
    public TimeSpan StaleIfErrorGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A preview (recipients changed) may wait for a full probe.</summary>
    public TimeSpan PreviewDeadline { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>On send, decide from what is known; a probe still running is reported `unknown` and keeps going in the background.</summary>
    public TimeSpan SendDeadline { get; set; } = TimeSpan.FromSeconds(4);

    public int MaxRecipients { get; set; } = 500;
}
