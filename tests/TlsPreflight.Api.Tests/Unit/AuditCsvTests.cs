using TlsPreflight.Api.Audit;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Unit;

public sealed class AuditCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("", "")]
    public void Field_quotes_per_rfc_4180_and_defuses_formulas(string value, string expected)
        => Assert.Equal(expected, AuditCsv.Field(value));

    [Fact]
    public void Rows_write_one_line_per_domain_with_internal_domains_left_without_level()
    {
        var entry = new AuditEntry
        {
            Id = 7,
            TenantId = "t",
            Time = new DateTimeOffset(2026, 11, 28, 23, 50, 0, TimeSpan.Zero),
            Sender = "bob@contoso.com",
            Decision = PolicyAction.Warn,
            PolicyVersion = 3,
            Recipients = ["a@partner.com", "b@contoso.com"],
            Domains =
            [
                new AuditDomain { Domain = "partner.com", Level = SecurityLevel.Encrypted, RequiredLevel = SecurityLevel.Verified, Action = PolicyAction.Warn, Decision = PolicyAction.Warn, Findings = ["certificate-not-trusted", "legacy-tls-version"],
                    CheckedAt = new DateTimeOffset(2026, 11, 28, 23, 49, 30, TimeSpan.Zero) },
                new AuditDomain { Domain = "contoso.com", Internal = true },
            ],
        };

        // The columns after the recipients (decidedBy … exceptionId) came with this round.
        Assert.Equal(
            [
                "7,2026-11-28T23:50:00Z,bob@contoso.com,warn,3,partner.com,encrypted,verified,warn,warn,false,certificate-not-trusted legacy-tls-version,a@partner.com b@contoso.com,service,send,2026-11-28T23:49:30Z,,,,",
                "7,2026-11-28T23:50:00Z,bob@contoso.com,warn,3,contoso.com,,,allow,allow,true,,a@partner.com b@contoso.com,service,send,,,,,",
            ],
            AuditCsv.Rows(entry));
    }

    [Fact]
    public void A_decision_the_add_in_made_and_an_exception_that_lifted_a_block_are_named_in_their_columns()
    {
        var request = Guid.NewGuid();
        var entry = new AuditEntry
        {
            Id = 8,
            TenantId = "t",
            Time = new DateTimeOffset(2026, 11, 28, 23, 50, 0, TimeSpan.Zero),
            Sender = "bob@contoso.com",
            Decision = PolicyAction.Allow,
            DecidedBy = AuditDecider.AddinFromKnownResults,
            Kind = AuditKind.ExceptionApproved,
            ExceptionId = request,
            ProtectedByLabel = "Confidential",
            Domains = [new AuditDomain { Domain = "partner.com", Action = PolicyAction.Block, Decision = PolicyAction.Allow, AllowedBy = Decisions.AllowedBy.Exception, RuleDecision = PolicyAction.Block }],
        };

        var row = AuditCsv.Rows(entry).Single().Split(',');

        Assert.Equal(["addin-from-known-results", "exception-approved", "", "exception", "block", "Confidential", request.ToString()], row[13..]);
    }
}
