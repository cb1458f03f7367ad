using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Storage;
using TlsPreflight.Probing;

namespace TlsPreflight.Api.Monitoring.Alerts;

/// <summary>Tells the service-wide webhooks and the webhooks of every tenant watching the domain of one change: one POST
/// per URL (a URL named twice is told once), retried with backoff by the client's Polly pipeline. Only the instance
/// that wrote the change calls this, once. A webhook that stays down loses that alert; it is logged, never thrown.</summary>
public sealed partial class WebhookSender(
    IHttpClientFactory clients,
    IOptions<MonitoringOptions> options,
    IOptions<ProbingOptions> probing,
    ILogger<WebhookSender> logger)
{
    public const string HttpClientName = "monitoring-webhooks";

    public async Task<int> SendAsync(AppDbContext db, PostureChange change, IReadOnlyList<string> tenants, CancellationToken cancellationToken)
    {
        var tenantUrls = await db.TenantWebhooks.AsNoTracking().Where(w => tenants.Contains(w.TenantId)).Select(w => w.Url).ToListAsync(cancellationToken);
        var urls = options.Value.Webhooks.Concat(tenantUrls).Distinct(StringComparer.Ordinal).ToList();
        var client = clients.CreateClient(HttpClientName);
        var delivered = 0;
        foreach (var text in urls)
        {
            if (!WebhookAddress.TryParse(text, probing.Value.AllowPrivateNetworks, out var url, out var error))
            {
                LogRefused(logger, text, error);
                continue;
            }

            try
            {
                using var content = new StringContent(WebhookPayload.For(url, change), Encoding.UTF8, "application/json");
                using var response = await client.PostAsync(url, content, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    delivered++;
                }
                else
                {
                    LogFailed(logger, url.Host, change.Domain, $"HTTP {(int)response.StatusCode}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException)
            {
                LogFailed(logger, url.Host, change.Domain, e.Message);
            }
        }

        return delivered;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Url} refused: {Error}")]
    private static partial void LogRefused(ILogger logger, string url, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook at {Host} not told of {Domain}: {Error}")]
    private static partial void LogFailed(ILogger logger, string host, string domain, string error);
}
