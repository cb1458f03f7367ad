using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TlsPreflight.Api.Audit;
using TlsPreflight.Api.Policy;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Functional;

/// <summary>The audit log: written on send only, read by admins of the same tenant, filtered, exported, counted.</summary>
public abstract class AuditSuite(ApiFactory factory) : FunctionalTest(factory)
{
    [Fact]
    public async Task Send_writes_an_audit_entry_and_preview_does_not()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true, name: "Sender@Contoso.example");
        var preview = Domain("verified");
        var sent = Domain("plaintext");

        await AssessAsync(admin, "preview", "a@" + preview);
        await AssessAsync(admin, "send", "dave@" + sent);

        using var response = await admin.GetAsync("/api/v1/audit", Cancel);
        var body = await ReadJsonAsync(response);
        Assert.Equal(1, (int)body!["total"]!);
        var entry = body["items"]![0]!;
        Assert.Equal("sender@contoso.example", (string?)entry["sender"]);
        Assert.Equal("warn", (string?)entry["decision"]);
        Assert.Equal(0, (int)entry["policyVersion"]!);
        Assert.Null(entry["recipients"]);
        var domain = entry["domains"]![0]!;
        Assert.Equal(sent, (string?)domain["domain"]);
        Assert.Equal("plaintext", (string?)domain["level"]);
        Assert.Equal("starttls-not-supported", (string?)domain["findings"]![0]);
    }

    [Fact]
    public async Task Logs_carry_the_recipient_domain_but_never_the_address()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var domain = Domain("plaintext");
        var local = "secret.person." + Guid.NewGuid().ToString("N");

        await AssessAsync(admin, "send", $"{local}@{domain}");
        await AssessAsync(admin, "preview", $"{local}@{domain}");

        Assert.Contains(Factory.Logs.Lines, line => line.Contains(domain, StringComparison.Ordinal));
        Assert.DoesNotContain(Factory.Logs.Lines, line => line.Contains(local, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Recipient_addresses_are_stored_only_when_the_tenant_turns_that_on()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var domain = Domain("verified");
        await AssessAsync(admin, "send", "first@" + domain);
        await SavePolicyAsync(admin, Policy(storeRecipients: true));
        await AssessAsync(admin, "send", "Second@" + domain);

        using var response = await admin.GetAsync("/api/v1/audit", Cancel);
        var items = (await ReadJsonAsync(response))!["items"]!.AsArray();

        Assert.Equal("Second@" + domain, (string?)items[0]!["recipients"]![0]);
        Assert.Equal(1, (int)items[0]!["policyVersion"]!);
        Assert.Null(items[1]!["recipients"]);
    }

    [Fact]
    public async Task Audit_filters_by_decision_domain_sender_and_time_and_pages_newest_first()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        var other = await Factory.SignInAsync(tenant, "user-2", name: "other@contoso.example");
        var weak = Domain("plaintext");
        var strong = Domain("verified");
        await AssessAsync(admin, "send", strong);
        await AssessAsync(admin, "send", weak);
        await AssessAsync(other, "send", strong, weak);

        async Task<int> Total(string query)
        {
            using var response = await admin.GetAsync("/api/v1/audit" + query, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (int)(await ReadJsonAsync(response))!["total"]!;
        }

        Assert.Equal(3, await Total(""));
        Assert.Equal(2, await Total("?decision=warn"));
        Assert.Equal(1, await Total("?decision=allow"));
        Assert.Equal(2, await Total($"?domain={weak.ToUpperInvariant()}"));
        Assert.Equal(1, await Total("?sender=OTHER@contoso.example"));
        Assert.Equal(3, await Total($"?from={DateTimeOffset.UtcNow.AddMinutes(-5):O}".Replace("+", "%2B", StringComparison.Ordinal)));
        Assert.Equal(0, await Total($"?to={DateTimeOffset.UtcNow.AddMinutes(-5):yyyy-MM-ddTHH:mm:ssZ}"));

        using var page = await admin.GetAsync("/api/v1/audit?page=2&pageSize=2", Cancel);
        var body = await ReadJsonAsync(page);
        Assert.Equal(2, (int)body!["page"]!);
        Assert.Equal(strong, (string?)Assert.Single(body["items"]!.AsArray())!["domains"]![0]!["domain"]);
    }

    [Fact]
    public async Task Another_tenants_audit_is_invisible_in_lists_exports_and_by_id()
    {
        var adminA = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var adminB = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var domain = Domain("plaintext");
        await AssessAsync(adminA, "send", domain);
        using var listA = await adminA.GetAsync("/api/v1/audit", Cancel);
        var id = (long)(await ReadJsonAsync(listA))!["items"]![0]!["id"]!;

        using var byIdA = await adminA.GetAsync($"/api/v1/audit/{id}", Cancel);
        using var byIdB = await adminB.GetAsync($"/api/v1/audit/{id}", Cancel);
        using var listB = await adminB.GetAsync("/api/v1/audit", Cancel);
        var csvB = await adminB.GetStringAsync("/api/v1/audit/export", Cancel);

        Assert.Equal(HttpStatusCode.OK, byIdA.StatusCode);
        await AssertProblemAsync(byIdB, HttpStatusCode.NotFound);
        Assert.Equal(0, (int)(await ReadJsonAsync(listB))!["total"]!);
        Assert.DoesNotContain(domain, csvB, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_who_are_not_admins_cannot_read_the_audit()
    {
        var client = await Factory.SignInAsync(NewTenant());
        foreach (var path in new[] { "/api/v1/audit", "/api/v1/audit/export", "/api/v1/audit/stats", "/api/v1/audit/1" })
        {
            using var response = await client.GetAsync(path, Cancel);
            await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task The_csv_export_has_a_header_and_one_row_per_domain_with_formulas_defused()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true, name: "=cmd@contoso.example");
        var weak = Domain("plaintext");
        var strong = Domain("verified");
        await AssessAsync(admin, "send", weak, strong);

        using var response = await admin.GetAsync($"/api/v1/audit/export?domain={weak}", Cancel);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        // The columns after `recipients` came with this round (who decided, when the result was checked, ways forward).
        Assert.Equal("id,time,sender,decision,policyVersion,domain,level,requiredLevel,action,domainDecision,internal,findings,recipients,"
            + "decidedBy,kind,checkedAt,allowedBy,ruleDecision,protectedByLabel,exceptionId", lines[0]);
        Assert.Equal(3, lines.Length);
        var row = lines[1].Split(',');
        Assert.Equal(20, row.Length);
        Assert.Equal("'=cmd@contoso.example", row[2]);
        Assert.Equal("warn", row[3]);
        Assert.Equal(weak, row[5]);
        Assert.Equal("plaintext", row[6]);
        Assert.Equal("starttls-not-supported", row[11]);
        Assert.Equal("service", row[13]);
        Assert.Equal("send", row[14]);
        Assert.True(DateTimeOffset.TryParse(row[15], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _), row[15]);
        Assert.Equal("", row[16]);
        Assert.Equal(strong, lines[2].Split(',')[5]);
    }

    [Fact]
    public async Task Stats_count_decisions_per_day_weak_domains_and_levels()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var weak = Domain("plaintext");
        await AssessAsync(admin, "send", weak);
        await AssessAsync(admin, "send", weak, Domain("verified"));
        await AssessAsync(admin, "send", Domain("verified"));

        using var response = await admin.GetAsync("/api/v1/audit/stats?days=7", Cancel);
        var body = await ReadJsonAsync(response);

        var today = Assert.Single(body!["perDay"]!.AsArray())!;
        Assert.Equal(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (string?)today["date"]);
        Assert.Equal(1, (int)today["allow"]!);
        Assert.Equal(2, (int)today["warn"]!);
        Assert.Equal(0, (int)today["block"]!);
        var weakDomain = Assert.Single(body["weakDomains"]!.AsArray())!;
        Assert.Equal(weak, (string?)weakDomain["domain"]);
        Assert.Equal(2, (int)weakDomain["count"]!);
        Assert.Equal(2, (int)body["levels"]!["plaintext"]!);
        Assert.Equal(2, (int)body["levels"]!["verified"]!);
    }

    [Fact]
    public async Task Stats_are_counted_by_the_database_not_by_loading_the_entries()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        await AssessAsync(admin, "send", Domain("plaintext"), Domain("verified"));
        var before = Factory.Logs.Lines.Count;


        using var response = await admin.GetAsync("/api/v1/audit/stats?days=7", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var commands = Factory.Logs.Lines.Skip(before)
            .Where(l => l.Contains("Executed DbCommand", StringComparison.Ordinal) && l.Contains("audit_", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(3, commands.Count);
        Assert.All(commands, c => Assert.Contains("GROUP BY", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retention_deletes_entries_older_than_each_tenants_own_retention_days()
    {
        var shortTenant = NewTenant();
        var defaultTenant = NewTenant();
        var admin = await Factory.SignInAsync(shortTenant, "admin", admin: true);
        var otherAdmin = await Factory.SignInAsync(defaultTenant, "admin", admin: true);
        await SavePolicyAsync(admin, Policy().Replace("\"retentionDays\":90", "\"retentionDays\":30", StringComparison.Ordinal));
        await AppendAsync(shortTenant, "old.example", daysAgo: 45);
        await AppendAsync(defaultTenant, "old.example", daysAgo: 45);
        await AssessAsync(admin, "send", Domain("verified"));

        await Factory.Services.GetRequiredService<AuditRetention>().PurgeAsync(Cancel);

        using var kept = await admin.GetAsync("/api/v1/audit", Cancel);
        var items = (await ReadJsonAsync(kept))!["items"]!.AsArray();
        Assert.DoesNotContain(items, i => (string?)i!["domains"]![0]!["domain"] == "old.example");
        Assert.Single(items);
        using var untouched = await otherAdmin.GetAsync("/api/v1/audit?domain=old.example", Cancel);
        Assert.Equal(1, (int)(await ReadJsonAsync(untouched))!["total"]!);
    }

    private async Task AppendAsync(string tenant, string domain, int daysAgo)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IAuditLog>().AppendAsync(new AuditEntry
        {
            TenantId = tenant,
            Time = DateTimeOffset.UtcNow.AddDays(-daysAgo),
            Sender = "past@contoso.example",
            Decision = PolicyAction.Allow,
            Domains = [new AuditDomain { Domain = domain, Action = PolicyAction.Allow, Decision = PolicyAction.Allow, Level = TlsPreflight.Probing.Model.SecurityLevel.Verified }],
        }, Cancel);
    }

    [Theory]
    [InlineData("?pageSize=500")]
    [InlineData("?page=0")]
    [InlineData("?decision=maybe")]
    [InlineData("?from=yesterday")]
    [InlineData("?domain=bob@partner.example")]
    public async Task A_bad_audit_query_is_a_validation_problem(string query)
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        using var list = await admin.GetAsync("/api/v1/audit" + query, Cancel);
        using var export = await admin.GetAsync("/api/v1/audit/export" + query.Replace("pageSize=500", "from=x", StringComparison.Ordinal).Replace("page=0", "to=x", StringComparison.Ordinal), Cancel);
        await AssertProblemAsync(list, HttpStatusCode.BadRequest);
        await AssertProblemAsync(export, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("?days=0")]
    [InlineData("?days=many")]
    public async Task A_bad_stats_range_is_a_validation_problem(string query)
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        using var response = await admin.GetAsync("/api/v1/audit/stats" + query, Cancel);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}

public sealed class AuditOnSqlite(SqliteApiFactory factory) : AuditSuite(factory), IClassFixture<SqliteApiFactory>;

public sealed class AuditOnPostgres(PostgresApiFactory factory) : AuditSuite(factory), IClassFixture<PostgresApiFactory>;
