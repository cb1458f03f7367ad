namespace TlsPreflight.Api.Audit;

/// <summary>`AuditWriter`: send-time audit entries are written in batches, one transaction each.</summary>
public sealed class AuditWriterOptions
{
    public const string SectionName = "AuditWriter";

    /// <summary>Entries waiting to be written; when full (the database is down), a send answers 503 at once.</summary>
    public int BufferCapacity { get; set; } = 1000;

    public int BatchSize { get; set; } = 100;

    /// <summary>How long a send waits for its entry to be committed (it answers only after the commit); after that,
    /// while the database does not answer, the entry is withdrawn and the send answers 503.</summary>
    public TimeSpan CommitWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one batch may take to commit before it counts as failed and is tried again.</summary>
    public TimeSpan BatchTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
