using System.Text.Json;
using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Probing.Tests.Json;

/// <summary>The status enums were strings once; the add-in, cached entries and stored posture evidence read these words,
/// so every member is pinned here: a renamed or added member fails until its word is written down.</summary>
public sealed class StatusWordsTests
{
    private static readonly Dictionary<DnssecStatus, string> Dnssec = new()
    {
        [DnssecStatus.None] = "none", [DnssecStatus.Secure] = "secure", [DnssecStatus.Insecure] = "insecure",
        [DnssecStatus.Bogus] = "bogus", [DnssecStatus.Indeterminate] = "indeterminate",
    };

    private static readonly Dictionary<TlsaOutcome, string> Tlsa = new()
    {
        [TlsaOutcome.None] = "none", [TlsaOutcome.Match] = "match", [TlsaOutcome.Mismatch] = "mismatch",
        [TlsaOutcome.Unusable] = "unusable", [TlsaOutcome.NotChecked] = "not-checked",
    };

    private static readonly Dictionary<DaneStatus, string> Dane = new()
    {
        [DaneStatus.None] = "none", [DaneStatus.Valid] = "valid", [DaneStatus.Partial] = "partial", [DaneStatus.Mismatch] = "mismatch",
        [DaneStatus.Unusable] = "unusable", [DaneStatus.Insecure] = "insecure", [DaneStatus.Bogus] = "bogus",
    };

    private static readonly Dictionary<MtaStsStatus, string> Sts = new()
    {
        [MtaStsStatus.None] = "none", [MtaStsStatus.RecordInvalid] = "record-invalid", [MtaStsStatus.FetchError] = "fetch-error",
        [MtaStsStatus.WebpkiInvalid] = "webpki-invalid", [MtaStsStatus.PolicyInvalid] = "policy-invalid", [MtaStsStatus.Valid] = "valid",
    };

    private static readonly Dictionary<MtaStsMode, string> Mode = new()
    {
        [MtaStsMode.Enforce] = "enforce", [MtaStsMode.Testing] = "testing", [MtaStsMode.None] = "none",
    };

    private static readonly Dictionary<ProbeStep, string> Step = new()
    {
        [ProbeStep.Connect] = "connect", [ProbeStep.Banner] = "banner", [ProbeStep.Ehlo] = "ehlo", [ProbeStep.Starttls] = "starttls",
        [ProbeStep.Handshake] = "handshake", [ProbeStep.EhloTls] = "ehlo-tls", [ProbeStep.Queue] = "queue", [ProbeStep.Domain] = "domain",
    };

    [Fact]
    public void Every_dnssec_status_keeps_its_word() => AssertWords(Dnssec);

    [Fact]
    public void Every_tlsa_outcome_keeps_its_word() => AssertWords(Tlsa);

    [Fact]
    public void Every_dane_status_keeps_its_word() => AssertWords(Dane);

    [Fact]
    public void Every_mta_sts_status_keeps_its_word() => AssertWords(Sts);

    [Fact]
    public void Every_mta_sts_mode_keeps_the_word_the_policy_uses() => AssertWords(Mode);

    [Fact]
    public void Every_probe_step_keeps_its_word() => AssertWords(Step);

    [Fact]
    public void A_whole_assessment_writes_the_words_in_the_generated_and_the_reflection_based_json()
    {
        var probe = new SmtpProbeResult("192.0.2.1", 25, ProbeOutcome.Timeout, ProbeStep.EhloTls, "late", null, null, true, null,
            new ProbeTimings(1, 1, 1, 1, 1, 5));
        var host = new MxHostReport("mx.example.com", 10, false, null, [probe], SecurityLevel.Unknown,
            new TlsaReport(DnssecStatus.Indeterminate, [], TlsaOutcome.NotChecked, null), true);
        var assessment = new DomainAssessment("example.com", SecurityLevel.Unknown, [], [host],
            new MtaStsReport(MtaStsStatus.Valid, "id", MtaStsMode.Testing, 86400, ["mx.example.com"], null, false),
            new DaneReport(DaneStatus.Partial, false, null), TlsRptReport.None, DateTimeOffset.UnixEpoch, 1);

        var generated = AssessmentJson.Serialize(assessment);
        using var doc = JsonDocument.Parse(generated);
        var root = doc.RootElement;
        var mx = root.GetProperty("mxHosts")[0];

        Assert.Equal("ehlo-tls", mx.GetProperty("probes")[0].GetProperty("step").GetString());
        Assert.Equal("indeterminate", mx.GetProperty("dane").GetProperty("dnssecStatus").GetString());
        Assert.Equal("not-checked", mx.GetProperty("dane").GetProperty("outcome").GetString());
        Assert.Equal("valid", root.GetProperty("mtaSts").GetProperty("status").GetString());
        Assert.Equal("testing", root.GetProperty("mtaSts").GetProperty("mode").GetString());
        Assert.Equal("partial", root.GetProperty("dane").GetProperty("status").GetString());
        Assert.Equal(generated, JsonSerializer.Serialize(assessment, AssessmentJson.Options));
        var back = JsonSerializer.Deserialize<DomainAssessment>(generated, AssessmentJson.Options)!;
        Assert.Equal(ProbeStep.EhloTls, back.MxHosts[0].Probes[0].Step);
        Assert.Equal(MtaStsMode.Testing, back.MtaSts.Mode);
    }

    [Fact]
    public void A_missing_mode_and_step_stay_null_in_json()
    {
        var json = AssessmentJson.Serialize(new DomainAssessment("example.com", SecurityLevel.NoMail, [], [], MtaStsReport.NoRecord,
            DaneReport.None, TlsRptReport.None, DateTimeOffset.UnixEpoch, 1));

        Assert.Contains("\"status\":\"none\",\"recordId\":null,\"mode\":null", json, StringComparison.Ordinal);
    }

    /// <summary>Every member is listed, and each is written (and read back) as its word by the engine's generated context,
    /// its reflection-based options, serializer defaults (the converter is on the type) and <see cref="KebabCase.Name{TEnum}"/>.</summary>
    private static void AssertWords<TEnum>(Dictionary<TEnum, string> words) where TEnum : struct, Enum
    {
        Assert.Equal(Enum.GetValues<TEnum>().Order(), words.Keys.Order());
        var generated = AssessmentJsonContext.Default.GetTypeInfo(typeof(TEnum));
        Assert.NotNull(generated);
        foreach (var (value, word) in words)
        {
            var quoted = $"\"{word}\"";
            Assert.Equal(quoted, JsonSerializer.Serialize(value, generated));
            Assert.Equal(quoted, JsonSerializer.Serialize(value, AssessmentJson.Options));
            Assert.Equal(quoted, JsonSerializer.Serialize(value));
            Assert.Equal(word, KebabCase.Name(value));
            Assert.Equal(value, JsonSerializer.Deserialize<TEnum>(quoted, AssessmentJson.Options));
            Assert.Equal(value, JsonSerializer.Deserialize<TEnum>(quoted));
        }
    }
}
