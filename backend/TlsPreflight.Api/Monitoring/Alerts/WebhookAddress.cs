using System.Net;
using TlsPreflight.Probing.Safety;

namespace TlsPreflight.Api.Monitoring.Alerts;

/// <summary>The one rule for a webhook URL: absolute https, no credentials in it, not aimed at a private, loopback or
/// link-local host. With AllowPrivateNetworks (labs and tests) http and loopback are allowed. The address actually
/// dialled is judged again by <see cref="WebhookConnector"/>, so a public name resolving to 10.0.0.1 is refused too.</summary>
public static class WebhookAddress
{
    public const int MaxLength = 2048;

    public static bool TryParse(string? text, bool allowPrivateNetworks, out Uri url, out string error)
    {
        url = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed))
        {
            error = "An absolute URL such as https://hooks.example.com/tls.";
            return false;
        }

        if (parsed.Scheme != Uri.UriSchemeHttps && !(allowPrivateNetworks && parsed.Scheme == Uri.UriSchemeHttp))
        {
            error = "Webhooks must use https.";
            return false;
        }

        if (parsed.UserInfo.Length > 0)
        {
            error = "Put no user name or password in the URL.";
            return false;
        }

        if (!allowPrivateNetworks)
        {
            var host = parsed.IdnHost.TrimEnd('.');
            if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
                || (IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var literal) && AddressGuard.WhyNotPublic(literal) is not null))
            {
                error = "Webhooks must point at a public host, not an internal one.";
                return false;
            }
        }

        url = parsed;
        return true;
    }

    /// <summary>A Microsoft Teams workflow (Power Automate "When a Teams webhook request is received") gets an Adaptive Card.</summary>
    public static bool IsTeamsWorkflow(Uri url)
        => url.Host.EndsWith(".logic.azure.com", StringComparison.OrdinalIgnoreCase)
           || url.Host.EndsWith(".api.powerplatform.com", StringComparison.OrdinalIgnoreCase)
           || url.Host.EndsWith(".webhook.office.com", StringComparison.OrdinalIgnoreCase)
           || url.AbsolutePath.Contains("/workflows/", StringComparison.OrdinalIgnoreCase)
              && url.AbsolutePath.EndsWith("/triggers/manual/paths/invoke", StringComparison.OrdinalIgnoreCase);
}
