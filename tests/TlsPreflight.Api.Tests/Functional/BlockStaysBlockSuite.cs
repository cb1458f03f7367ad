using System.Net;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Functional;

/// <summary>Issue 8, "A block stays a block": a bad entry never hides the others, and forced TLS fails safe.</summary>
public abstract class BlockStaysBlockSuite(ApiFactory factory) : FunctionalTest(factory)
{
    [Fact]
    public async Task One_bad_recipient_comes_back_as_its_own_result_and_the_forced_tls_block_stands()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        var partner = Domain("plaintext");
        await SavePolicyAsync(admin, Policy(forcedTls: $$"""{"pattern":"{{partner}}","requiredLevel":"verified","action":"block"}"""));

        var (status, body) = await AssessAsync(admin, "preview", "bob@", "alice@" + partner, "x@-bad-.test");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("block", (string?)body!["decision"]);
        var domains = body["domains"]!.AsArray();
        Assert.Equal("block", (string?)domains.Single(d => (string?)d!["domain"] == partner)!["decision"]);
        var invalid = domains.Where(d => (string?)d!["matchedRule"] == "invalid").ToList();
        Assert.Equal(["bob@", "x@-bad-.test"], invalid.Select(d => (string?)d!["domain"]));
        Assert.All(invalid, d =>
        {
            Assert.Equal("unknown", (string?)d!["level"]);
            Assert.Equal("warn", (string?)d["decision"]); // fail open
            Assert.Equal("invalid-recipient", (string?)d["findings"]![0]!["code"]);
        });
    }

    [Fact]
    public async Task A_bad_entry_is_explained_in_the_senders_language()
    {
        var user = await Factory.SignInAsync(NewTenant());
        user.DefaultRequestHeaders.AcceptLanguage.ParseAdd("nl-NL");

        var (status, body) = await AssessAsync(user, "preview", "alice@" + Domain("verified"), "bob@");

        Assert.Equal(HttpStatusCode.OK, status);
        var invalid = body!["domains"]!.AsArray().Single(d => (string?)d!["matchedRule"] == "invalid")!;
        Assert.Equal("Onbekend", (string?)invalid["levelLabel"]);
        Assert.Equal("Dit is geen geldig e-mailadres of domein, dus er kon geen mailserver voor worden gecontroleerd.", (string?)invalid["reason"]);
        Assert.Equal((string?)invalid["reason"], (string?)invalid["findings"]![0]!["text"]);
        Assert.Equal("", (string?)invalid["requirement"]);
        Assert.Contains("bob@", (string)body["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_recipient_blocks_when_the_tenant_fails_safe()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        await SavePolicyAsync(admin, Policy(failMode: "safe"));

        var (status, body) = await AssessAsync(admin, "preview", "alice@" + Domain("verified"), "carol@exa mple.test");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("block", (string?)body!["decision"]);
        Assert.Contains("carol@exa mple.test", (string)body["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forced_tls_domain_that_cannot_be_checked_by_the_send_deadline_is_blocked_although_the_tenant_fails_open()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var partner = $"hang.{Guid.NewGuid():N}.test";
        var other = $"hang.{Guid.NewGuid():N}.test";
        await SavePolicyAsync(admin, Policy(failMode: "open", forcedTls: $$"""{"pattern":"{{partner}}","requiredLevel":"verified","action":"block"}"""));

        var (_, body) = await AssessAsync(admin, "send", "alice@" + partner, "bob@" + other);

        var domains = body!["domains"]!.AsArray();
        var forced = domains.Single(d => (string?)d!["domain"] == partner)!;
        var unforced = domains.Single(d => (string?)d!["domain"] == other)!;
        Assert.Equal("unknown", (string?)forced["level"]);
        Assert.Equal("block", (string?)forced["decision"]);
        Assert.Equal("warn", (string?)unforced["decision"]); // the default rule keeps the fail mode
        Assert.Equal("block", (string?)body["decision"]);
    }

    [Fact]
    public async Task A_forced_tls_rule_can_let_an_unknown_result_warn_and_the_policy_reads_back_its_whenUnknown()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var partner = $"hang.{Guid.NewGuid():N}.test";
        var college = Domain("verified");
        await SavePolicyAsync(admin, Policy(failMode: "safe", forcedTls:
            $$"""{"pattern":"{{partner}}","requiredLevel":"verified","action":"block","whenUnknown":"warn"},{"pattern":"{{college}}","requiredLevel":"verified","action":"block"}"""));

        var (_, body) = await AssessAsync(admin, "send", "alice@" + partner);
        using var policy = await admin.GetAsync("/api/v1/policy", Cancel);
        var rules = (await ReadJsonAsync(policy))!["forcedTls"]!.AsArray();

        Assert.Equal("warn", (string?)body!["decision"]);
        Assert.Equal(["warn", "block"], rules.Select(r => (string?)r!["whenUnknown"]));
    }

    [Fact]
    public async Task A_decision_the_add_in_made_from_known_results_is_audited_as_shown_with_its_result_times()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var partner = Domain("verified"); // the service would allow it today; the sender saw a block
        using var posted = await admin.PostAsync("/api/v1/assessments/shown", Json($$"""
            {"recipients":["alice@{{partner}}"],"decision":"block","policyVersion":0,
             "domains":[{"domain":"{{partner}}","level":"plaintext","requiredLevel":"verified","action":"block","decision":"block",
                         "internal":false,"findings":["starttls-not-supported"],"checkedAt":"2026-12-01T20:00:00Z"}]}
            """), Cancel);
        using var audit = await admin.GetAsync("/api/v1/audit", Cancel);
        var entry = (await ReadJsonAsync(audit))!["items"]![0]!;

        Assert.Equal(HttpStatusCode.NoContent, posted.StatusCode);
        Assert.Equal("block", (string?)entry["decision"]);
        Assert.Equal("addin-from-known-results", (string?)entry["decidedBy"]);
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T20:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((string)entry["domains"]![0]!["checkedAt"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, Factory.Assessor.CallsFor(partner));
    }

    [Fact]
    public async Task A_shown_decision_that_is_not_the_strictest_of_its_domains_is_refused()
    {
        var client = await Factory.SignInAsync(NewTenant());
        using var posted = await client.PostAsync("/api/v1/assessments/shown", Json("""
            {"recipients":["alice@partner.test"],"decision":"allow","policyVersion":0,
             "domains":[{"domain":"partner.test","level":"plaintext","requiredLevel":"verified","action":"block","decision":"block",
                         "internal":false,"findings":[],"checkedAt":null}]}
            """), Cancel);
        await AssertProblemAsync(posted, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_send_decided_by_the_service_is_audited_as_the_service_s_with_the_result_times()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var (_, answer) = await AssessAsync(admin, "send", "alice@" + Domain("encrypted"));
        using var audit = await admin.GetAsync("/api/v1/audit", Cancel);
        var entry = (await ReadJsonAsync(audit))!["items"]![0]!;

        Assert.Equal((string?)answer!["decision"], (string?)entry["decision"]);
        Assert.Equal("service", (string?)entry["decidedBy"]);
        Assert.Equal(DateTimeOffset.Parse((string)answer["domains"]![0]!["checkedAt"]!, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse((string)entry["domains"]![0]!["checkedAt"]!, System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(1)); // SQLite keeps milliseconds
    }

    [Fact]
    public async Task A_whenUnknown_that_is_not_an_action_is_a_validation_problem()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        using var current = await admin.GetAsync("/api/v1/policy", Cancel);

        using var saved = await PutPolicyAsync(admin,
            Policy(forcedTls: """{"pattern":"partner.test","requiredLevel":"verified","action":"block","whenUnknown":"sometimes"}"""),
            current.Headers.ETag!.ToString());

        await AssertProblemAsync(saved, HttpStatusCode.BadRequest);
    }
}

public sealed class BlockStaysBlockOnSqlite(SqliteApiFactory factory) : BlockStaysBlockSuite(factory), IClassFixture<SqliteApiFactory>;

public sealed class BlockStaysBlockOnPostgres(PostgresApiFactory factory) : BlockStaysBlockSuite(factory), IClassFixture<PostgresApiFactory>;
