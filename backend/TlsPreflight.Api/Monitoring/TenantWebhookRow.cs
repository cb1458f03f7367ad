namespace TlsPreflight.Api.Monitoring;

/// <summary>A webhook a tenant admin added on the Partners page: told of changes to the tenant's watched domains.</summary>
public sealed class TenantWebhookRow
{
    public long Id { get; set; }
    public required string TenantId { get; set; }
    public required string Url { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public required string AddedBy { get; set; }
}
