using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using TlsPreflight.Probing.Certificates;

namespace TlsPreflight.Probing.MtaSts;

/// <summary>Why the MTA-STS client refused a policy host's certificate — name, chain or dates — kept per host from
/// the certificate callback until the fetcher reads it, because the AuthenticationException that reaches the
/// fetcher says only "rejected by the callback" (RFC 8460 §4.3.2.2 wants the failure named: sts-webpki-invalid).</summary>
public sealed class WebPkiRejections(ChainValidator validator, TimeProvider time)
{
    /// <summary>Reasons nobody collected (a cancelled fetch) must not pile up.</summary>
    private const int MaxKept = 1024;
    private readonly ConcurrentDictionary<string, string> reasons = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>For the HTTP client's certificate callback: note why <paramref name="host"/>'s certificate was refused.</summary>
    public void Record(string host, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (reasons.Count >= MaxKept)
            reasons.Clear();
        reasons[host] = Describe(host, certificate, chain, errors);
    }

    /// <summary>The reason recorded for <paramref name="host"/>, removed as it is read; null when none was recorded.</summary>
    public string? Take(string host) => reasons.TryRemove(host, out var reason) ? reason : null;

    private string Describe(string host, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return "the server presented no certificate";
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var problems = new List<string>();
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            var names = CertificateNameMatcher.DnsNames(leaf);
            var shown = names.Count > 0 ? string.Join(", ", names) : leaf.Subject;
            problems.Add($"name mismatch: the certificate is for {shown}, not {host}");
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (now > leaf.NotAfter.ToUniversalTime())
            problems.Add($"expired: valid until {Day(leaf.NotAfter)}");
        else if (now < leaf.NotBefore.ToUniversalTime())
            problems.Add($"not yet valid: valid from {Day(leaf.NotBefore)}");
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)
            && !validator.IsTrusted(leaf, chain?.ChainPolicy.ExtraStore ?? [], out var why))
            problems.Add($"untrusted chain: {why}");
        return problems.Count > 0 ? string.Join("; ", problems) : $"the certificate was refused ({errors})";
    }

    private static string Day(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
