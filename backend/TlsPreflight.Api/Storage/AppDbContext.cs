using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using TlsPreflight.Api.Audit;
using TlsPreflight.Api.Exceptions;
using TlsPreflight.Api.Monitoring;

namespace TlsPreflight.Api.Storage;

/// <summary>Policy versions, the audit log and the partner monitor (watched domains, posture history, webhooks). One subclass per provider, each with its own migrations.</summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PolicyVersionRow> PolicyVersions => Set<PolicyVersionRow>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ExceptionRequest> ExceptionRequests => Set<ExceptionRequest>();
    public DbSet<WatchedDomainRow> WatchedDomains => Set<WatchedDomainRow>();
    public DbSet<PostureRow> Postures => Set<PostureRow>();
    public DbSet<TenantWebhookRow> TenantWebhooks => Set<TenantWebhookRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PolicyVersionRow>(policy =>
        {
            policy.ToTable("policy_versions");
            policy.HasKey(p => new { p.TenantId, p.Version });
            policy.Property(p => p.TenantId).HasMaxLength(64);
            policy.Property(p => p.UpdatedBy).HasMaxLength(320);
        });

        modelBuilder.Entity<AuditEntry>(entry =>
        {
            entry.ToTable("audit_entries");
            entry.HasKey(e => e.Id);
            entry.Property(e => e.TenantId).HasMaxLength(64);
            entry.Property(e => e.Sender).HasMaxLength(320);
            entry.Property(e => e.Decision).HasConversion<string>().HasMaxLength(16);
            entry.Property(e => e.DecidedBy).HasConversion<string>().HasMaxLength(32).HasDefaultValue(AuditDecider.Service).HasSentinel(AuditDecider.Service);
            entry.Property(e => e.Recipients).HasConversion(JsonList()).Metadata.SetValueComparer(ListComparer());
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32).HasDefaultValue(AuditKind.Send).HasSentinel(AuditKind.Send);
            entry.Property(e => e.ProtectedByLabel).HasMaxLength(200);
            entry.HasIndex(e => new { e.TenantId, e.Time });
            entry.HasMany(e => e.Domains).WithOne().HasForeignKey(d => d.AuditEntryId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AuditDomain>(domain =>
        {
            domain.ToTable("audit_domains");
            domain.HasKey(d => d.Id);
            domain.Property(d => d.Domain).HasMaxLength(253);
            domain.Property(d => d.Level).HasConversion<string>().HasMaxLength(16);
            domain.Property(d => d.RequiredLevel).HasConversion<string>().HasMaxLength(16);
            domain.Property(d => d.Action).HasConversion<string>().HasMaxLength(16);
            domain.Property(d => d.Decision).HasConversion<string>().HasMaxLength(16);
            domain.Property(d => d.Findings).HasConversion(JsonList()!).Metadata.SetValueComparer(ListComparer());
            domain.Property(d => d.AllowedBy).HasConversion<string>().HasMaxLength(16);
            domain.Property(d => d.RuleDecision).HasConversion<string>().HasMaxLength(16);
            domain.HasIndex(d => d.Domain);
        });

        modelBuilder.Entity<ExceptionRequest>(request =>
        {
            request.ToTable("exception_requests");
            request.HasKey(r => r.Id);
            request.Property(r => r.TenantId).HasMaxLength(64);
            request.Property(r => r.Requester).HasMaxLength(320);
            request.Property(r => r.Domain).HasMaxLength(253);
            request.Property(r => r.Level).HasConversion<string>().HasMaxLength(16);
            request.Property(r => r.Findings).HasConversion(JsonList()!).Metadata.SetValueComparer(ListComparer());
            request.Property(r => r.Reason).HasMaxLength(ExceptionOptions.MaxReasonLength);
            request.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            request.Property(r => r.DecidedBy).HasMaxLength(320);
            request.Property(r => r.Answer).HasMaxLength(ExceptionOptions.MaxAnswerLength);
            request.HasIndex(r => new { r.TenantId, r.Status });
            request.HasIndex(r => new { r.TenantId, r.Requester, r.Domain });
        });

        modelBuilder.Entity<WatchedDomainRow>(watched =>
        {
            watched.ToTable("watched_domains");
            watched.HasKey(w => w.Domain);
            watched.Property(w => w.Domain).HasMaxLength(253);
            watched.Property(w => w.LeaseOwner).HasMaxLength(64);
            watched.Property(w => w.Level).HasConversion<string>().HasMaxLength(16);
            watched.HasIndex(w => w.NextCheck);
        });

        modelBuilder.Entity<PostureRow>(posture =>
        {
            posture.ToTable("posture_history");
            posture.HasKey(p => p.Id);
            posture.Property(p => p.Domain).HasMaxLength(253);
            posture.Property(p => p.Level).HasConversion<string>().HasMaxLength(16);
            posture.Property(p => p.Fingerprint).HasMaxLength(64);
            posture.Property(p => p.Findings).HasConversion(JsonList()!).Metadata.SetValueComparer(ListComparer());
            posture.HasIndex(p => new { p.Domain, p.Time });
            posture.HasIndex(p => p.LastSeen);
        });

        modelBuilder.Entity<TenantWebhookRow>(webhook =>
        {
            webhook.ToTable("tenant_webhooks");
            webhook.HasKey(w => w.Id);
            webhook.Property(w => w.TenantId).HasMaxLength(64);
            webhook.Property(w => w.Url).HasMaxLength(2048);
            webhook.Property(w => w.AddedBy).HasMaxLength(320);
            webhook.HasIndex(w => w.TenantId);
        });
    }

    // Lists are stored as JSON text so the same model works on SQLite and PostgreSQL.
    private static Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<List<string>?, string?> JsonList()
        => new(
            list => list == null ? null : JsonSerializer.Serialize(list, (JsonSerializerOptions?)null),
            text => text == null ? null : JsonSerializer.Deserialize<List<string>>(text, (JsonSerializerOptions?)null));

    private static ValueComparer<List<string>?> ListComparer()
        => new(
            (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
            list => list == null ? 0 : list.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode(StringComparison.Ordinal))),
            list => list == null ? null : list.ToList());
}
