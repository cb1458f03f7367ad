using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Api.Monitoring;

/// <summary>What one MX address showed, without the address itself (addresses move; the posture does not).</summary>
public sealed record MxEvidence(
    bool StartTlsOffered,
    ProbeOutcome Outcome,
    string? TlsVersion,
    string? LeafSha256,
    DateTimeOffset? LeafNotAfter,
    bool? ChainTrusted,
    bool? NameMatched);

/// <summary>One MX host's evidence: its probes (distinct, ordered), its TLSA RRset and that RRset's DNSSEC status
/// (written as the same word as in the assessment: the enum carries its kebab-case converter).</summary>
public sealed record MxHostEvidence(string Host, IReadOnlyList<MxEvidence> Probes, IReadOnlyList<string> Tlsa, DnssecStatus TlsaDnssec);

/// <summary>The evidence that matters for a domain's posture (issue 13): per MX STARTTLS, TLS version, leaf SHA-256
/// and notAfter, chain trusted, name matched; MTA-STS mode and id; TLSA RRsets; DNSSEC. Equal evidence, equal
/// fingerprint: timings, addresses and check times are left out on purpose.</summary>
public sealed record PostureEvidence(
    IReadOnlyList<string> MxSet,
    IReadOnlyList<MxHostEvidence> Hosts,
    MtaStsMode? MtaStsMode,
    string? MtaStsId,
    bool MxLookupSecure)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static PostureEvidence From(DomainAssessment assessment)
    {
        var hosts = assessment.MxHosts.OrderBy(h => h.Host, StringComparer.Ordinal).Select(h => new MxHostEvidence(
                h.Host,
                h.Probes.Select(Probe).Distinct().OrderBy(p => JsonSerializer.Serialize(p, Json), StringComparer.Ordinal).ToList(),
                h.Dane.Records.Select(r => r.ToString()).Order(StringComparer.Ordinal).ToList(),
                h.Dane.DnssecStatus))
            .ToList();
        var mode = assessment.MtaSts.Status == MtaStsStatus.Valid ? assessment.MtaSts.Mode : null;
        return new PostureEvidence(hosts.Select(h => h.Host).Distinct().ToList(), hosts, mode, assessment.MtaSts.RecordId, assessment.Dane.MxLookupSecure);
    }

    /// <summary>SHA-256 over the canonical JSON, lower-case hex.</summary>
    public string Fingerprint() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson())));

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static PostureEvidence? FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<PostureEvidence>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The earliest leaf expiry over every MX address that presented one.</summary>
    public DateTimeOffset? EarliestNotAfter
        => Hosts.SelectMany(h => h.Probes).Select(p => p.LeafNotAfter).Where(t => t != null).Min();

    public bool SameMxSet(PostureEvidence other) => MxSet.SequenceEqual(other.MxSet, StringComparer.Ordinal);

    public bool HasTlsa => Hosts.Any(h => h.Tlsa.Count > 0);

    public bool DnssecSecure => MxLookupSecure || Hosts.Any(h => h.TlsaDnssec == DnssecStatus.Secure);

    private static MxEvidence Probe(SmtpProbeResult p) => new(
        p.StartTlsOffered,
        p.Outcome,
        p.Tls?.Protocol,
        p.Tls?.Certificate.Sha256Fingerprint,
        p.Tls?.Certificate.NotAfter,
        p.Tls?.Certificate.Trusted,
        p.Tls?.Certificate.NameMatches);
}
