using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using TlsPreflight.Api.Audit;

namespace TlsPreflight.Api.Storage;

/// <summary>Policy versions and the audit log. One subclass per provider, each with its own migrations.</summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PolicyVersionRow> PolicyVersions => Set<PolicyVersionRow>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

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
            domain.HasIndex(d => d.Domain);
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
