using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Tests.Infrastructure;
using TlsPreflight.Api.VerifiedDomains;

namespace TlsPreflight.Api.Tests.Functional;

/// <summary>POST /api/v1/assessments and GET /api/v1/domains/{domain}, on each storage provider.</summary>
public abstract class AssessmentsSuite(ApiFactory factory) : FunctionalTest(factory)
{
    [Fact]
    public async Task Assessing_without_a_token_answers_401_as_a_problem()
    {
        using var response = await Factory.CreateClient().PostAsJsonAsync("/api/v1/assessments", new { recipients = new[] { "a@b.test" }, intent = "preview" }, Cancel);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_garbage_bearer_token_answers_401()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not.a.token");
        using var response = await client.GetAsync("/api/v1/policy", Cancel);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_verified_domain_is_allowed_under_the_default_policy_with_an_empty_message()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var domain = Domain("verified");

        var (status, body) = await AssessAsync(client, "preview", "alice@" + domain);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("allow", (string?)body!["decision"]);
        Assert.Equal("", (string?)body["message"]);
        Assert.Equal(0, (int)body["policyVersion"]!);
        Assert.Equal("open", (string?)body["failMode"]);
        var only = Assert.Single(body["domains"]!.AsArray())!;
        Assert.Equal(domain, (string?)only["domain"]);
        Assert.Equal("verified", (string?)only["level"]);
        Assert.Equal("encrypted", (string?)only["requiredLevel"]);
        Assert.Equal("warn", (string?)only["action"]);
        Assert.Equal("default", (string?)only["matchedRule"]);
        Assert.False((bool)only["internal"]!);
        Assert.NotNull((string?)only["checkedAt"]);
    }

    [Fact]
    public async Task A_plaintext_domain_warns_with_a_message_that_names_it_and_why()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var domain = Domain("plaintext");

        var (_, body) = await AssessAsync(client, "preview", "bob@" + domain);

        Assert.Equal("warn", (string?)body!["decision"]);
        var message = (string)body["message"]!;
        Assert.Contains(domain, message, StringComparison.Ordinal);
        Assert.Contains("STARTTLS", message, StringComparison.Ordinal);
        Assert.InRange(message.Length, 1, 500);
        var finding = body["domains"]![0]!["findings"]![0]!;
        Assert.Equal("starttls-not-supported", (string?)finding["code"]);
        Assert.Equal("mx." + domain, (string?)finding["host"]);
    }

    [Fact]
    public async Task The_second_request_for_a_domain_is_served_from_the_cache_without_probing_again()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var domain = Domain("encrypted");

        var (_, first) = await AssessAsync(client, "preview", domain);
        var (_, second) = await AssessAsync(client, "preview", "x@" + domain);

        Assert.False((bool)first!["domains"]![0]!["fromCache"]!);
        Assert.True((bool)second!["domains"]![0]!["fromCache"]!);
        Assert.Equal(1, Factory.Assessor.CallsFor(domain));
    }

    [Fact]
    public async Task Many_recipients_of_one_domain_are_assessed_once_and_reported_once()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var domain = Domain("verified");

        var (_, body) = await AssessAsync(client, "preview", "a@" + domain, "b@" + domain, domain.ToUpperInvariant());

        Assert.Single(body!["domains"]!.AsArray());
        Assert.Equal(1, Factory.Assessor.CallsFor(domain));
    }

    [Fact]
    public async Task A_forced_tls_rule_blocks_a_plaintext_partner_and_the_message_says_it_was_not_sent()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        var partner = Domain("plaintext");
        await SavePolicyAsync(admin, Policy(forcedTls: $$"""{"pattern":"{{partner}}","requiredLevel":"verified","action":"block"}"""));
        var user = await Factory.SignInAsync(tenant);

        var (_, body) = await AssessAsync(user, "preview", "carol@" + partner);

        Assert.Equal("block", (string?)body!["decision"]);
        Assert.Equal(1, (int)body["policyVersion"]!);
        var domain = body["domains"]![0]!;
        Assert.Equal(partner, (string?)domain["matchedRule"]);
        Assert.Equal("verified", (string?)domain["requiredLevel"]);
        Assert.StartsWith("Forced TLS:", (string)body["message"]!, StringComparison.Ordinal);
        Assert.Contains("not sent", (string)body["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_again_about_the_same_recipients_answers_the_same_json_until_the_policy_or_the_language_changes()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        var user = await Factory.SignInAsync(tenant);
        var partner = Domain("plaintext");
        await AssessAsync(user, "preview", "carol@" + partner); // probed; from here on the domain comes from the cache

        async Task<(string Type, string Json)> AskAsync(string? language = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/assessments")
            {
                Content = JsonContent.Create(new { intent = "preview", recipients = new[] { "carol@" + partner } }),
            };
            if (language != null)
            {
                request.Headers.AcceptLanguage.ParseAdd(language);
            }

            using var response = await user.SendAsync(request, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (response.Content.Headers.ContentType!.ToString(), await response.Content.ReadAsStringAsync(Cancel));
        }

        var first = await AskAsync();
        var again = await AskAsync();
        var german = await AskAsync("de-DE");
        await SavePolicyAsync(admin, Policy(forcedTls: $$"""{"pattern":"{{partner}}","requiredLevel":"verified","action":"block"}"""));
        var afterSave = await AskAsync();

        Assert.Equal("application/json; charset=utf-8", first.Type);
        Assert.Equal(first, again);
        Assert.Equal("warn", (string?)JsonNode.Parse(first.Json)!["decision"]);
        Assert.Equal("de", (string?)JsonNode.Parse(german.Json)!["language"]);
        Assert.Equal("block", (string?)JsonNode.Parse(afterSave.Json)!["decision"]);
    }

    [Fact]
    public async Task A_sender_whose_office_speaks_german_reads_every_sentence_in_german()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        var partner = Domain("plaintext");
        await SavePolicyAsync(admin, Policy(forcedTls: $$"""{"pattern":"{{partner}}","requiredLevel":"verified","action":"block"}"""));
        var user = await Factory.SignInAsync(tenant);
        user.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");

        var (_, body) = await AssessAsync(user, "preview", "carol@" + partner);

        Assert.Equal("de", (string?)body!["language"]);
        Assert.Equal("block", (string?)body["decision"]);
        Assert.StartsWith($"TLS-Pflicht: {partner} verlangt die Stufe „verifiziert“, ist aber „unverschlüsselt“.", (string)body["message"]!, StringComparison.Ordinal);
        // Issue 14 (changed behaviour): the dialog now ends with the ways forward, in German too.
        Assert.EndsWith("Die Nachricht wurde nicht gesendet. Was Sie tun können (Prüfen): eine Ausnahme beantragen oder den Empfänger entfernen.",
            (string)body["message"]!, StringComparison.Ordinal);
        Assert.Equal("Von der Richtlinie Ihrer Organisation blockiert.", (string?)body["headline"]);
        Assert.StartsWith("TLS Preflight: Das Senden wird blockiert.", (string)body["notification"]!, StringComparison.Ordinal);
        var domain = body["domains"]![0]!;
        Assert.Equal("Unverschlüsselt", (string?)domain["levelLabel"]);
        Assert.StartsWith("E-Mails können im Klartext übertragen werden", (string)domain["levelMeaning"]!, StringComparison.Ordinal);
        Assert.Equal("Von der Richtlinie Ihrer Organisation blockiert", (string?)domain["decisionText"]);
        Assert.Equal($"Ihre Richtlinie verlangt „verifiziert“ (TLS-Pflicht-Regel {partner}).", (string?)domain["requirement"]);
        Assert.StartsWith("Der Mailserver bietet keine Verschlüsselung (STARTTLS) an", (string)domain["reason"]!, StringComparison.Ordinal);
        Assert.Equal((string?)domain["reason"], (string?)domain["findings"]![0]!["text"]);
    }

    [Fact]
    public async Task A_sender_in_an_unsupported_language_reads_english()
    {
        var user = await Factory.SignInAsync(NewTenant());
        user.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ja-JP");

        var (_, body) = await AssessAsync(user, "preview", "bob@" + Domain("plaintext"));

        Assert.Equal("en", (string?)body!["language"]);
        Assert.StartsWith("TLS warning:", (string)body["message"]!, StringComparison.Ordinal);
        Assert.Equal("Not encrypted", (string?)body["domains"]![0]!["levelLabel"]);
    }

    [Fact]
    public async Task A_wildcard_rule_covers_one_label_below_the_domain_and_not_the_domain_itself()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        var college = $"college-{Guid.NewGuid():N}.test";
        await SavePolicyAsync(admin, Policy(forcedTls: $$"""{"pattern":"*.{{college}}","requiredLevel":"enforced","action":"block"}"""));

        var (_, body) = await AssessAsync(admin, "preview", $"verified.{college}", $"verified.x.{college}");

        var domains = body!["domains"]!.AsArray();
        Assert.Equal("block", (string?)domains[0]!["decision"]);
        Assert.Equal($"*.{college}", (string?)domains[0]!["matchedRule"]);
        Assert.Equal("default", (string?)domains[1]!["matchedRule"]);
        Assert.Equal("allow", (string?)domains[1]!["decision"]);
    }

    [Theory]
    [InlineData("open", "warn")]
    [InlineData("safe", "block")]
    public async Task An_unknown_result_follows_the_fail_mode(string failMode, string expected)
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        await SavePolicyAsync(admin, Policy(failMode: failMode));

        var (_, body) = await AssessAsync(admin, "preview", Domain("unknown"));

        Assert.Equal(expected, (string?)body!["decision"]);
        Assert.Equal("unknown", (string?)body["domains"]![0]!["level"]);
    }

    [Fact]
    public async Task The_message_decision_is_the_strictest_over_its_domains()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        var blocked = Domain("encrypted");
        await SavePolicyAsync(admin, Policy(forcedTls: $$"""{"pattern":"{{blocked}}","requiredLevel":"verified","action":"block"}"""));

        var (_, body) = await AssessAsync(admin, "preview", Domain("verified"), Domain("plaintext"), blocked);

        var decisions = body!["domains"]!.AsArray().Select(d => (string?)d!["decision"]).ToArray();
        Assert.Equal(["allow", "warn", "block"], decisions);
        Assert.Equal("block", (string?)body["decision"]);
    }

    [Fact]
    public async Task A_manual_internal_domain_is_allowed_without_being_assessed()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        var own = Domain("plaintext");
        await SavePolicyAsync(admin, Policy(internalDomains: $"\"{own}\""));

        var (_, body) = await AssessAsync(admin, "preview", "colleague@" + own);

        var domain = body!["domains"]![0]!;
        Assert.True((bool)domain["internal"]!);
        Assert.Null(domain["level"]);
        Assert.Equal("allow", (string?)body["decision"]);
        Assert.Equal(0, Factory.Assessor.CallsFor(own));
    }

    [Fact]
    public async Task The_tenants_verified_directory_domains_from_graph_are_internal_and_unverified_ones_are_not()
    {
        var client = await Factory.SignInAsync(NewTenant());

        var (_, body) = await AssessAsync(client, "preview", "a@" + LoopbackGraph.VerifiedDomain, "b@" + LoopbackGraph.UnverifiedDomain);

        var domains = body!["domains"]!.AsArray();
        Assert.True((bool)domains[0]!["internal"]!);
        Assert.False((bool)domains[1]!["internal"]!);
        Assert.Contains(Factory.Graph.Requests, r => r.StartsWith("/v1.0/domains", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_verified_domain_on_the_second_graph_page_is_internal_too()
    {
        var client = await Factory.SignInAsync(NewTenant());

        var (_, body) = await AssessAsync(client, "preview", "a@" + LoopbackGraph.SecondPageDomain);

        Assert.True((bool)body!["domains"]!.AsArray()[0]!["internal"]!);
        Assert.Contains(Factory.Graph.Requests, r => r.Contains("skiptoken=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_graph_that_pages_without_end_is_read_up_to_the_page_limit_and_no_further()
    {
        var directory = ActivatorUtilities.CreateInstance<TenantDirectory>(Factory.Services,
            Options.Create(new GraphOptions { BaseUrl = Factory.Graph.EndlessBaseUrl }));

        var domains = await directory.GetVerifiedDomainsAsync(NewTenant(), Cancel);

        Assert.Equal(TenantDirectory.MaxPages, domains.Count);
        Assert.Equal(TenantDirectory.MaxPages, Factory.Graph.Requests.Count(r => r.StartsWith("/endless/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task On_send_a_probe_slower_than_the_send_deadline_is_reported_unknown_and_cached_once_it_finishes()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        await SavePolicyAsync(admin, Policy(failMode: "safe"));
        var slow = $"slow.{Guid.NewGuid():N}.test";

        var (_, onSend) = await AssessAsync(admin, "send", slow);
        Factory.Assessor.ReleaseSlow();
        var later = await WaitForCachedAsync(admin, slow);

        Assert.Equal("block", (string?)onSend!["decision"]);
        Assert.Equal("timeout", (string?)onSend["domains"]![0]!["findings"]![0]!["code"]);
        Assert.Equal("verified", (string?)later["domains"]![0]!["level"]);
        Assert.Equal(1, Factory.Assessor.CallsFor(slow));
    }

    [Fact]
    public async Task A_domain_report_is_the_engine_json_with_a_cache_flag_and_refresh_probes_again()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var domain = Domain("enforced");

        using var first = await client.GetAsync($"/api/v1/domains/{domain.ToUpperInvariant()}", Cancel);
        using var second = await client.GetAsync($"/api/v1/domains/{domain}", Cancel);
        using var refreshed = await client.GetAsync($"/api/v1/domains/{domain}?refresh=true", Cancel);

        var body = await ReadJsonAsync(first);
        Assert.Equal(domain, (string?)body!["domain"]);
        Assert.Equal("enforced", (string?)body["level"]);
        Assert.NotNull(body["mxHosts"]![0]!["host"]);
        Assert.Equal("none", (string?)body["mtaSts"]!["status"]);
        Assert.False((bool)body["fromCache"]!);
        Assert.True((bool)(await ReadJsonAsync(second))!["fromCache"]!);
        Assert.False((bool)(await ReadJsonAsync(refreshed))!["fromCache"]!);
        Assert.Equal(2, Factory.Assessor.CallsFor(domain));
    }

    [Fact]
    public async Task Concurrent_requests_for_one_domain_share_a_single_probe()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var domain = Domain("delayed");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => AssessAsync(client, "preview", $"user{i}@{domain}")));

        Assert.All(answers, a => Assert.Equal("verified", (string?)a.Body!["domains"]![0]!["level"]));
        Assert.Equal(1, Factory.Assessor.CallsFor(domain));
    }

    [Theory]
    [InlineData("not_a_domain")]
    [InlineData("alice@example.com")]
    [InlineData("exa_mple.com")]
    public async Task A_bad_domain_in_the_path_is_a_validation_problem(string domain)
    {
        var client = await Factory.SignInAsync(NewTenant());
        using var response = await client.GetAsync($"/api/v1/domains/{Uri.EscapeDataString(domain)}", Cancel);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull((await ReadJsonAsync(response))!["errors"]!["domain"]);
    }

    private async Task<System.Text.Json.Nodes.JsonNode> WaitForCachedAsync(HttpClient client, string domain)
    {
        // The probe finishes in the background after the deadline; poll briefly until it is cached.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (_, body) = await AssessAsync(client, "preview", domain);
            if ((string?)body!["domains"]![0]!["level"] != "unknown")
            {
                return body;
            }

            await Task.Delay(50, Cancel);
        }

        throw new TimeoutException($"{domain} was never cached.");
    }
}

public sealed class AssessmentsOnSqlite(SqliteApiFactory factory) : AssessmentsSuite(factory), IClassFixture<SqliteApiFactory>;

public sealed class AssessmentsOnPostgres(PostgresApiFactory factory) : AssessmentsSuite(factory), IClassFixture<PostgresApiFactory>;
