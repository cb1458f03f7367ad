using System.Net;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Telemetry;

namespace TlsPreflight.Probing.MtaSts;

/// <summary>Fetches `https://mta-sts.{domain}/.well-known/mta-sts.txt` exactly as RFC 8461 §3.3 asks: certificate
/// validated, no redirects, 200 only, text/plain, at most 64 KiB, bounded in time. The named HttpClient
/// (<see cref="HttpClientName"/>) resolves through our DNS and refuses non-public addresses (<see cref="MtaStsConnector"/>).</summary>
public sealed class MtaStsPolicyFetcher(IHttpClientFactory clients, WebPkiRejections rejections, IOptions<ProbingOptions> options)
{
    public const string HttpClientName = "tlspreflight-mta-sts";
    public const string PolicyPath = "/.well-known/mta-sts.txt";

    private readonly ProbingOptions o = options.Value;

    public async Task<MtaStsFetchResult> FetchAsync(string domain, CancellationToken cancellationToken)
    {
        using var span = EngineTelemetry.StartMtaStsFetch(domain);
        var host = $"mta-sts.{domain}";
        var uri = new UriBuilder(Uri.UriSchemeHttps, host, o.HttpsPort, PolicyPath).Uri;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(o.MtaStsFetchTimeout);
        try
        {
            var client = clients.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
                return MtaStsFetchResult.FetchError($"{uri} answered {status} (redirect to {response.Headers.Location}); RFC 8461 §3.3 forbids following redirects");
            if (response.StatusCode != HttpStatusCode.OK)
                return MtaStsFetchResult.FetchError($"{uri} answered HTTP {status}; only 200 is a policy (RFC 8461 §3.3)");
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (!string.Equals(mediaType, "text/plain", StringComparison.OrdinalIgnoreCase))
                return MtaStsFetchResult.Invalid($"policy served as '{mediaType ?? "no content type"}', not text/plain (RFC 8461 §3.2)");
            if (response.Content.Headers.ContentLength > MtaStsPolicy.MaxBodyBytes)
                return MtaStsFetchResult.FetchError($"policy is {response.Content.Headers.ContentLength} bytes; the limit is {MtaStsPolicy.MaxBodyBytes} (RFC 8461 §3.3)");
            var body = await ReadCappedAsync(response.Content, deadline.Token);
            if (body is null)
                return MtaStsFetchResult.FetchError($"policy is larger than {MtaStsPolicy.MaxBodyBytes} bytes (RFC 8461 §3.3)");
            return MtaStsPolicy.TryParse(body, out var policy, out var error)
                ? new MtaStsFetchResult(MtaStsStatus.Valid, policy, null)
                : MtaStsFetchResult.Invalid(error ?? "policy does not parse");
        }
        catch (HttpRequestException e) when (Find<AuthenticationException>(e) is not null)
        {
            // RFC 8461 §3.3 requires a certificate valid for the host (RFC 6125) and chaining to a trusted root.
            var why = rejections.Take(host) ?? "the certificate was refused";
            return MtaStsFetchResult.WebPkiInvalid($"{host}: {why} (RFC 8461 §3.3 requires a valid WebPKI certificate)");
        }
        catch (HttpRequestException e) when (Find<AddressRefusedException>(e) is { } refused)
        {
            return MtaStsFetchResult.FetchError(refused.Message);
        }
        catch (HttpRequestException e)
        {
            return MtaStsFetchResult.FetchError($"{host}: {e.Message}");
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
        {
            return MtaStsFetchResult.FetchError($"{host}: no policy within {o.MtaStsFetchTimeout.TotalSeconds:0.#} s");
        }
        catch (IOException e)
        {
            return MtaStsFetchResult.FetchError($"{host}: {e.Message}");
        }
    }

    /// <summary>The body as UTF-8, or null when it exceeds the limit (the header may lie or be absent).</summary>
    private static async Task<string?> ReadCappedAsync(HttpContent content, CancellationToken token)
    {
        await using var stream = await content.ReadAsStreamAsync(token);
        var buffer = new byte[MtaStsPolicy.MaxBodyBytes + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(filled), token)) > 0)
            filled += read;
        return filled > MtaStsPolicy.MaxBodyBytes ? null : Encoding.UTF8.GetString(buffer, 0, filled);
    }

    private static T? Find<T>(Exception e) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
            if (current is T found)
                return found;
        return null;
    }
}
