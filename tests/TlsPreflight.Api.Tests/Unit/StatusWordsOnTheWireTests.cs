using System.Buffers;
using System.Text;
using System.Text.Json;
using TlsPreflight.Api.Assessments;
using TlsPreflight.Api.Edges;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.MtaSts;

namespace TlsPreflight.Api.Tests.Unit;

/// <summary>The DNSSEC, TLSA, DANE, MTA-STS and probe-step statuses are enums in the engine, but the API's JSON, the
/// cache entries and the stored posture evidence keep the words they had as strings.</summary>
public sealed class StatusWordsOnTheWireTests
{
    private static DomainAssessment Assessment()
    {
        var probe = new SmtpProbeResult("192.0.2.1", 25, ProbeOutcome.Completed, ProbeStep.Starttls, "STARTTLS refused", 454, "220 mx", true,
            null, new ProbeTimings(1, 1, 1, 1, 0, 4));
        var host = new MxHostReport("mx.w.example", 10, false, null, [probe], SecurityLevel.Plaintext,
            new TlsaReport(DnssecStatus.Secure, [new TlsaRecordData(3, 1, 1, "ab")], TlsaOutcome.NotChecked, null), true);
        return new DomainAssessment("w.example", SecurityLevel.Plaintext, [], [host],
            new MtaStsReport(MtaStsStatus.Valid, "id1", MtaStsMode.Enforce, 86400, ["mx.w.example"], null, false),
            new DaneReport(DaneStatus.Mismatch, true, "no TLSA match on mx.w.example"), TlsRptReport.None, DateTimeOffset.UnixEpoch, 4);
    }

    [Fact]
    public void The_api_json_and_a_cache_entry_write_the_status_words_and_read_them_back()
    {
        var assessment = Assessment();
        var buffer = new ArrayBufferWriter<byte>();
        new AssessmentCacheSerializer().Serialize(assessment, buffer);

        foreach (var json in new[] { JsonSerializer.Serialize(assessment, ApiJson.Options), Encoding.UTF8.GetString(buffer.WrittenSpan) })
        {
            Assert.Contains("\"step\":\"starttls\"", json, StringComparison.Ordinal);
            Assert.Contains("\"dnssecStatus\":\"secure\"", json, StringComparison.Ordinal);
            Assert.Contains("\"outcome\":\"not-checked\"", json, StringComparison.Ordinal);
            Assert.Contains("\"status\":\"valid\",\"recordId\":\"id1\",\"mode\":\"enforce\"", json, StringComparison.Ordinal);
            Assert.Contains("\"dane\":{\"status\":\"mismatch\"", json, StringComparison.Ordinal);
        }

        var cached = new AssessmentCacheSerializer().Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory));
        var read = JsonSerializer.Deserialize<DomainAssessment>(JsonSerializer.Serialize(assessment, ApiJson.Options), ApiJson.Options)!;
        foreach (var back in new[] { cached, read })
        {
            var mx = Assert.Single(back.MxHosts);
            Assert.Equal(ProbeStep.Starttls, Assert.Single(mx.Probes).Step);
            Assert.Equal((DnssecStatus.Secure, TlsaOutcome.NotChecked), (mx.Dane.DnssecStatus, mx.Dane.Outcome));
            Assert.Equal((MtaStsStatus.Valid, MtaStsMode.Enforce), (back.MtaSts.Status, back.MtaSts.Mode));
            Assert.Equal(assessment.Dane, back.Dane);
        }
    }

    [Fact]
    public void Stored_posture_evidence_keeps_the_dnssec_and_mode_words_so_its_fingerprint_does_not_move()
    {
        var evidence = PostureEvidence.From(Assessment());
        var json = evidence.ToJson();

        Assert.Contains("\"tlsaDnssec\":\"secure\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mtaStsMode\":\"enforce\"", json, StringComparison.Ordinal);
        var again = PostureEvidence.FromJson(json)!;
        Assert.Equal(MtaStsMode.Enforce, again.MtaStsMode);
        Assert.Equal(DnssecStatus.Secure, again.Hosts[0].TlsaDnssec);
        Assert.Equal(evidence.Fingerprint(), again.Fingerprint());
    }
}
