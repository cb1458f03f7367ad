using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TlsPreflight.Probing.Dane;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Tests.Dane;

public sealed class TlsaMatcherTests : IDisposable
{
    private const string MxHost = "mx.example.com";
    private readonly TestCertificates _certs = new();
    private readonly X509Certificate2 _leaf;

    public TlsaMatcherTests() => _leaf = _certs.IssueLeaf(MxHost);

    public void Dispose()
    {
        _leaf.Dispose();
        _certs.Dispose();
    }

    private byte[][] Chain => [_leaf.RawData, _certs.Ca.RawData];

    private static byte[] Select(X509Certificate2 cert, int selector)
        => selector == 0 ? cert.RawData : cert.PublicKey.ExportSubjectPublicKeyInfo();

    private static string Data(X509Certificate2 cert, int selector, int matching)
    {
        var selected = Select(cert, selector);
        var bytes = matching switch
        {
            1 => SHA256.HashData(selected),
            2 => SHA512.HashData(selected),
            _ => selected,
        };
        return Convert.ToHexStringLower(bytes);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 1)]
    [InlineData(0, 2)]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(1, 2)]
    public void Dane_ee_records_match_the_leaf_for_every_selector_and_matching_type(int selector, int matching)
    {
        var record = new TlsaRecordData(3, selector, matching, Data(_leaf, selector, matching));

        var report = TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], Chain, MxHost);

        Assert.Equal(TlsaOutcome.Match, report.Outcome);
        Assert.Equal(record.ToString(), report.MatchedRecord);
        Assert.Equal(DnssecStatus.Secure, report.DnssecStatus);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(0, 2)]
    public void Dane_ta_records_match_the_ca_in_the_chain_when_the_leaf_names_the_mx(int selector, int matching)
    {
        var record = new TlsaRecordData(2, selector, matching, Data(_certs.Ca, selector, matching));

        Assert.Equal(TlsaOutcome.Match, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], Chain, MxHost).Outcome);
    }

    [Fact]
    public void Dane_ta_matches_an_intermediate_ca_named_by_the_record()
    {
        var (intermediate, leaf) = _certs.IssueViaIntermediate(MxHost);
        using (intermediate)
        using (leaf)
        {
            var record = new TlsaRecordData(2, 1, 1, Data(intermediate, 1, 1));

            // The server sends leaf and intermediate, not the root: the intermediate is the anchor (RFC 7671 §5.2.2).
            Assert.Equal(TlsaOutcome.Match, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], [leaf.RawData, intermediate.RawData], MxHost).Outcome);
            Assert.Equal(TlsaOutcome.Match, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], [leaf.RawData, intermediate.RawData, _certs.Ca.RawData], MxHost).Outcome);
        }
    }

    [Fact]
    public void Dane_ta_does_not_match_an_impostor_anchor_with_the_same_name_and_key_id_but_another_key()
    {
        var (intermediate, leaf) = _certs.IssueViaIntermediate(MxHost);
        using (intermediate)
        using (leaf)
        using (var impostorKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest(intermediate.SubjectName, impostorKey, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            var realKeyId = intermediate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifier!;
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(realKeyId, false));
            using var impostor = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            var record = new TlsaRecordData(2, 0, 1, Data(impostor, 0, 1));

            // The leaf's signature does not verify under the impostor's key.
            Assert.Equal(TlsaOutcome.Mismatch, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], [leaf.RawData, impostor.RawData], MxHost).Outcome);
        }
    }

    [Fact]
    public void Dane_ta_does_not_match_an_expired_leaf()
    {
        using var expired = _certs.IssueLeaf(MxHost, DateTimeOffset.UtcNow.AddDays(-1));
        var record = new TlsaRecordData(2, 0, 1, Data(_certs.Ca, 0, 1));

        Assert.Equal(TlsaOutcome.Mismatch, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], [expired.RawData, _certs.Ca.RawData], MxHost).Outcome);
    }

    [Fact]
    public void Dane_ta_does_not_match_when_the_leaf_is_for_another_name()
    {
        var record = new TlsaRecordData(2, 0, 1, Data(_certs.Ca, 0, 1));

        Assert.Equal(TlsaOutcome.Mismatch, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], Chain, "other.example.com").Outcome);
    }

    [Fact]
    public void Dane_ta_does_not_match_when_the_server_leaves_the_anchor_out_of_its_chain()
    {
        var record = new TlsaRecordData(2, 0, 1, Data(_certs.Ca, 0, 1));

        Assert.Equal(TlsaOutcome.Mismatch, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], [_leaf.RawData], MxHost).Outcome);
    }

    [Fact]
    public void Dane_ta_does_not_match_a_ca_that_did_not_sign_the_leaf()
    {
        using var other = new TestCertificates();
        var record = new TlsaRecordData(2, 0, 1, Data(other.Ca, 0, 1));

        // The server appends an unrelated CA that the TLSA record names: it must not count as the anchor.
        var report = TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], [_leaf.RawData, other.Ca.RawData], MxHost);

        Assert.Equal(TlsaOutcome.Mismatch, report.Outcome);
    }

    [Fact]
    public void Dane_ee_ignores_the_name_and_the_expiry_of_the_certificate()
    {
        using var expired = TestCertificates.SelfSigned("some-other-name.test", DateTimeOffset.UtcNow.AddDays(-5));
        var record = new TlsaRecordData(3, 1, 1, Data(expired, 1, 1));

        Assert.Equal(TlsaOutcome.Match, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], [expired.RawData], MxHost).Outcome);
    }

    [Fact]
    public void Dane_ee_matches_only_the_leaf_and_not_another_certificate_in_the_chain()
    {
        var record = new TlsaRecordData(3, 0, 1, Data(_certs.Ca, 0, 1));

        Assert.Equal(TlsaOutcome.Mismatch, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], Chain, MxHost).Outcome);
    }

    [Fact]
    public void A_record_with_the_wrong_digest_is_a_mismatch()
    {
        var record = new TlsaRecordData(3, 1, 1, new string('0', 64));

        var report = TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], Chain, MxHost);

        Assert.Equal(TlsaOutcome.Mismatch, report.Outcome);
        Assert.Null(report.MatchedRecord);
    }

    [Fact]
    public void One_matching_record_among_several_is_enough()
    {
        TlsaRecordData[] records = [new(3, 1, 1, new string('a', 64)), new(3, 1, 1, Data(_leaf, 1, 1))];

        var report = TlsaMatcher.Evaluate(DnssecStatus.Secure, records, Chain, MxHost);

        Assert.Equal(TlsaOutcome.Match, report.Outcome);
        Assert.Equal(records[1].ToString(), report.MatchedRecord);
    }

    [Theory]
    [InlineData(0, 0, 1)] // PKIX-TA
    [InlineData(1, 1, 1)] // PKIX-EE
    [InlineData(4, 1, 1)] // unknown usage
    [InlineData(3, 2, 1)] // unknown selector
    [InlineData(3, 1, 3)] // unknown matching type
    public void Records_with_pkix_usages_or_unknown_parameters_are_unusable(int usage, int selector, int matching)
    {
        // Even when the data would match, RFC 7672 §3.1.3 makes these unusable.
        var record = new TlsaRecordData(usage, selector, matching, Data(_leaf, 1, 1));

        Assert.Equal(TlsaOutcome.Unusable, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], Chain, MxHost).Outcome);
    }

    [Theory]
    [InlineData("zz")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("00112233")] // wrong length for SHA-256
    public void Records_with_malformed_data_are_unusable(string data)
        => Assert.Equal(TlsaOutcome.Unusable, TlsaMatcher.Evaluate(DnssecStatus.Secure, [new TlsaRecordData(3, 1, 1, data)], Chain, MxHost).Outcome);

    [Fact]
    public void No_records_gives_outcome_none()
        => Assert.Equal(TlsaOutcome.None, TlsaMatcher.Evaluate(DnssecStatus.Secure, [], Chain, MxHost).Outcome);

    [Fact]
    public void Without_a_tls_chain_the_records_are_not_checked()
    {
        var record = new TlsaRecordData(3, 1, 1, Data(_leaf, 1, 1));

        Assert.Equal(TlsaOutcome.NotChecked, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], null, MxHost).Outcome);
        Assert.Equal(TlsaOutcome.NotChecked, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], [], MxHost).Outcome);
    }

    [Fact]
    public void Insecure_records_are_still_evaluated_and_the_status_is_reported()
    {
        var report = TlsaMatcher.Evaluate(DnssecStatus.Insecure, [new TlsaRecordData(3, 1, 1, Data(_leaf, 1, 1))], Chain, MxHost);

        Assert.Equal(DnssecStatus.Insecure, report.DnssecStatus);
        Assert.Equal(TlsaOutcome.Match, report.Outcome);
    }

    [Fact]
    public void A_chain_of_garbage_bytes_is_a_mismatch_not_an_exception()
    {
        var record = new TlsaRecordData(3, 1, 1, Data(_leaf, 1, 1));

        Assert.Equal(TlsaOutcome.Mismatch, TlsaMatcher.Evaluate(DnssecStatus.Secure, [record], [[1, 2, 3], [0x30, 0x82]], MxHost).Outcome);
    }
}
