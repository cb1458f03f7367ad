using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Functional;

/// <summary>Issue 14: a stopped send has safe ways forward. A protecting label lifts every TLS rule; an exception a
/// sender asks for and an admin approves lifts the domain's rule until it expires. Each step is audited.</summary>
public abstract class WaysForwardSuite(ApiFactory factory) : FunctionalTest(factory)
{
    private const string LabelId = "3f1c2b7e-0000-4000-8000-000000000001";
    private static readonly string BlockingPolicy = Policy(defaultLevel: "encrypted", defaultAction: "block");

    private static string WithLabels(string policy, string labels) => policy.TrimEnd()[..^1] + $$""","protectingLabels":[{{labels}}]}""";

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> RequestAsync(HttpClient client, string domain, string reason)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/exceptions", new { domain, reason }, Cancel);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body, Cancel);
        return (response.StatusCode, await ReadJsonAsync(response));
    }

    private static async Task<JsonArray> AuditAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/v1/audit?pageSize=50", Cancel);
        return (await ReadJsonAsync(response))!["items"]!.AsArray();
    }

    [Fact]
    public async Task A_message_carrying_a_protecting_label_is_allowed_by_a_blocking_rule_and_the_audit_names_the_label()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        await SavePolicyAsync(admin, WithLabels(BlockingPolicy, $$"""{"id":"{{LabelId}}","name":"Confidential - Encrypted"}"""));
        var sender = await Factory.SignInAsync(tenant);
        var domain = Domain("plaintext");
        await AssessAsync(sender, "preview", domain);

        using var labelled = await sender.PostAsJsonAsync("/api/v1/assessments",
            new { recipients = new[] { "bob@" + domain }, intent = "send", sensitivityLabel = LabelId }, Cancel);
        var body = await ReadJsonAsync(labelled);

        Assert.Equal("allow", (string?)body!["decision"]);
        Assert.Equal("Confidential - Encrypted", (string?)body["protectedBy"]!["name"]);
        Assert.Equal("label", (string?)body["domains"]![0]!["allowedBy"]);
        Assert.Equal("block", (string?)body["domains"]![0]!["ruleDecision"]);
        var entry = (await AuditAsync(admin))[0]!;
        Assert.Equal("allow", (string?)entry["decision"]);
        Assert.Equal("Confidential - Encrypted", (string?)entry["protectedByLabel"]);
        Assert.Equal("plaintext", (string?)entry["domains"]![0]!["level"]);
        Assert.Equal("encrypted", (string?)entry["domains"]![0]!["requiredLevel"]);
        Assert.Equal("block", (string?)entry["domains"]![0]!["ruleDecision"]);
    }

    [Fact]
    public async Task A_label_the_tenant_did_not_name_or_no_label_leaves_the_block_in_place()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        await SavePolicyAsync(admin, WithLabels(BlockingPolicy, $$"""{"id":"{{LabelId}}","name":"Encrypted"}"""));
        var sender = await Factory.SignInAsync(tenant);
        var domain = Domain("plaintext");
        await AssessAsync(sender, "preview", domain); // assessed once, so the sends decide from the result, not the send deadline

        using var other = await sender.PostAsJsonAsync("/api/v1/assessments",
            new { recipients = new[] { domain }, intent = "send", sensitivityLabel = Guid.NewGuid() }, Cancel);
        var (_, none) = await AssessAsync(sender, "send", domain);

        var otherBody = await ReadJsonAsync(other);
        Assert.Equal("block", (string?)otherBody!["decision"]);
        Assert.Null(otherBody["protectedBy"]);
        Assert.Equal("block", (string?)none!["decision"]);
        Assert.Equal("Encrypted", (string?)none["protectingLabels"]![0]!["name"]);
    }

    [Fact]
    public async Task Saving_a_policy_without_protecting_labels_keeps_them_and_a_bad_label_is_refused()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        await SavePolicyAsync(admin, WithLabels(BlockingPolicy, $$"""{"id":"{{LabelId}}","name":"Encrypted"}"""));
        await SavePolicyAsync(admin, Policy(failMode: "safe"));
        using var current = await admin.GetAsync("/api/v1/policy", Cancel);
        using var bad = await PutPolicyAsync(admin, WithLabels(Policy(), """{"id":"00000000-0000-0000-0000-000000000000","name":""}"""),
            current.Headers.ETag!.ToString());

        Assert.Equal(LabelId, (string?)(await ReadJsonAsync(current))!["protectingLabels"]![0]!["id"]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.NotNull((await ReadJsonAsync(bad))!["errors"]!["protectingLabels[0].id"]);
    }

    [Fact]
    public async Task An_approved_exception_allows_the_same_send_until_it_expires_and_every_step_is_audited()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true, name: "admin@contoso.example");
        await SavePolicyAsync(admin, BlockingPolicy);
        var sender = await Factory.SignInAsync(tenant, "sender", name: "alice@contoso.example");
        var domain = Domain("plaintext");
        await AssessAsync(sender, "preview", domain);
        var (_, blocked) = await AssessAsync(sender, "send", domain);
        Assert.Equal("block", (string?)blocked!["decision"]);

        var (requested, request) = await RequestAsync(sender, domain, "Quarterly report due today; partner's IT is fixing STARTTLS.");
        var (_, preview) = await AssessAsync(sender, "preview", domain);
        var id = (string)request!["id"]!;
        var (approved, answer) = await PostAsync(admin, $"/api/v1/exceptions/{id}/approve", new { days = 7 });
        var (_, allowed) = await AssessAsync(sender, "send", domain);

        Assert.Equal(HttpStatusCode.Created, requested);
        Assert.Equal("pending", (string?)request["status"]);
        Assert.Equal("plaintext", (string?)request["level"]);
        Assert.Equal("pending", (string?)preview!["domains"]![0]!["exceptionRequest"]!["status"]);
        Assert.Equal(HttpStatusCode.OK, approved);
        Assert.Equal("approved", (string?)answer!["status"]);
        Assert.Equal("allow", (string?)allowed!["decision"]);
        Assert.Equal("exception", (string?)allowed["domains"]![0]!["allowedBy"]);
        Assert.Equal("block", (string?)allowed["domains"]![0]!["ruleDecision"]);
        Assert.Equal("approved", (string?)allowed["domains"]![0]!["exceptionRequest"]!["status"]);

        // The override is a policy version: on the policy and in its history, saved by the approving admin.
        using var policy = await admin.GetAsync("/api/v1/policy", Cancel);
        var policyBody = await ReadJsonAsync(policy);
        Assert.Equal(domain, (string?)policyBody!["exceptions"]![0]!["domain"]);
        Assert.Equal((int)answer["policyVersion"]!, (int)policyBody["version"]!);
        Assert.Equal("admin@contoso.example", (string?)policyBody["updatedBy"]);

        // Audit, newest first: the allowed send, the approval, the request, the first blocked send.
        var audit = await AuditAsync(admin);
        Assert.Equal(["send", "exception-approved", "exception-requested", "send"], audit.Select(e => (string?)e!["kind"]));
        Assert.Equal(["allow", "allow", "block", "block"], audit.Select(e => (string?)e!["decision"]));
        Assert.Equal("exception", (string?)audit[0]!["domains"]![0]!["allowedBy"]);
        Assert.Equal("admin@contoso.example", (string?)audit[1]!["sender"]);
        Assert.Equal(id, (string?)audit[1]!["exceptionId"]);
        Assert.Equal("alice@contoso.example", (string?)audit[2]!["sender"]);

        // Eight days on, the exception has expired on its own: the same send is blocked again.
        Factory.Clock.Offset = TimeSpan.FromDays(8);
        try
        {
            var (_, expired) = await AssessAsync(sender, "send", domain);
            Assert.Equal("block", (string?)expired!["decision"]);
            Assert.Null(expired["domains"]![0]!["allowedBy"]);
        }
        finally
        {
            Factory.Clock.Offset = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task A_declined_request_shows_the_admins_answer_to_the_sender_and_the_send_stays_blocked()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        await SavePolicyAsync(admin, BlockingPolicy);
        var sender = await Factory.SignInAsync(tenant);
        var domain = Domain("plaintext");
        await AssessAsync(sender, "preview", domain);

        var (_, request) = await RequestAsync(sender, domain, "Need to send the contract.");
        var (declined, _) = await PostAsync(admin, $"/api/v1/exceptions/{request!["id"]}/decline", new { answer = "Use the encrypted label instead." });
        var (again, _) = await PostAsync(admin, $"/api/v1/exceptions/{request["id"]}/approve", new { days = 3 });
        var (_, send) = await AssessAsync(sender, "send", domain);

        Assert.Equal(HttpStatusCode.OK, declined);
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("block", (string?)send!["decision"]);
        Assert.Equal("declined", (string?)send["domains"]![0]!["exceptionRequest"]!["status"]);
        Assert.Equal("Use the encrypted label instead.", (string?)send["domains"]![0]!["exceptionRequest"]!["answer"]);
        Assert.Equal("exception-declined", (string?)(await AuditAsync(admin))[1]!["kind"]);
    }

    [Fact]
    public async Task Requests_stay_in_their_tenant_and_only_admins_answer_them()
    {
        var tenantA = NewTenant();
        var adminA = await Factory.SignInAsync(tenantA, "admin", admin: true);
        await SavePolicyAsync(adminA, BlockingPolicy);
        var senderA = await Factory.SignInAsync(tenantA, "sender");
        var otherSenderA = await Factory.SignInAsync(tenantA, "colleague");
        var adminB = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var (_, request) = await RequestAsync(senderA, Domain("plaintext"), "Reason.");
        var id = (string)request!["id"]!;

        using var listB = await adminB.GetAsync("/api/v1/exceptions", Cancel);
        using var listColleague = await otherSenderA.GetAsync("/api/v1/exceptions", Cancel);
        using var listA = await adminA.GetAsync("/api/v1/exceptions?status=pending", Cancel);
        var (approveB, _) = await PostAsync(adminB, $"/api/v1/exceptions/{id}/approve", new { days = 7 });
        var (approveBySender, _) = await PostAsync(senderA, $"/api/v1/exceptions/{id}/approve", new { days = 7 });

        Assert.Empty((await ReadJsonAsync(listB))!.AsArray());
        Assert.Empty((await ReadJsonAsync(listColleague))!.AsArray());
        Assert.Equal([id], (await ReadJsonAsync(listA))!.AsArray().Select(r => (string?)r!["id"]));
        Assert.Equal(HttpStatusCode.NotFound, approveB);
        Assert.Equal(HttpStatusCode.Forbidden, approveBySender);
    }

    [Fact]
    public async Task A_request_needs_a_short_plain_reason_a_stopped_domain_and_stays_within_the_per_user_limit()
    {
        var tenant = NewTenant();
        var admin = await Factory.SignInAsync(tenant, "admin", admin: true);
        await SavePolicyAsync(admin, BlockingPolicy);
        var sender = await Factory.SignInAsync(tenant);

        var (empty, _) = await RequestAsync(sender, Domain("plaintext"), "  ");
        var (tooLong, _) = await RequestAsync(sender, Domain("plaintext"), new string('x', 501));
        var (address, _) = await RequestAsync(sender, "bob@" + Domain("plaintext"), "Reason.");
        var (allowed, _) = await RequestAsync(sender, Domain("verified"), "Reason.");
        var repeatDomain = Domain("plaintext");
        var (first, firstBody) = await RequestAsync(sender, repeatDomain, "Reason.");
        var (repeat, repeatBody) = await RequestAsync(sender, repeatDomain, "Reason again.");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await RequestAsync(sender, Domain("plaintext"), "Reason " + i)).Status);
        }

        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Equal(HttpStatusCode.BadRequest, address);
        Assert.Equal(HttpStatusCode.Conflict, allowed);
        Assert.Equal(HttpStatusCode.Created, first);
        Assert.Equal(HttpStatusCode.OK, repeat);
        Assert.Equal((string?)firstBody!["id"], (string?)repeatBody!["id"]);
        // Five open requests per user: the first plus four more are accepted, the sixth is refused.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task The_note_for_their_IT_is_written_in_the_senders_language_with_what_was_found_and_what_fixes_it()
    {
        var sender = await Factory.SignInAsync(NewTenant());
        sender.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE");
        var partner = Domain("plaintext");

        using var note = await sender.GetAsync($"/api/v1/domains/{partner}/partner-note", Cancel);
        var verified = Domain("verified");
        using var nothingToFix = await sender.GetAsync($"/api/v1/domains/{verified}/partner-note", Cancel);

        var body = await ReadJsonAsync(note);
        Assert.Equal(HttpStatusCode.OK, note.StatusCode);
        Assert.Equal($"Verschlüsselte E-Mail-Zustellung an {partner}", (string?)body!["subject"]);
        var text = (string)body["body"]!;
        Assert.StartsWith($"Guten Tag,", text, StringComparison.Ordinal);
        Assert.Contains($"wir möchten E-Mails an {partner} senden", text, StringComparison.Ordinal);
        Assert.Contains("- Bieten Sie auf jedem MX-Host STARTTLS mit TLS 1.2 oder neuer an (RFC 3207;", text, StringComparison.Ordinal);
        Assert.Contains("Geprüfte Mailserver (MX):", text, StringComparison.Ordinal);
        Assert.DoesNotContain("What fixes it", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, nothingToFix.StatusCode);
        Assert.Equal($"Die Stufe von {verified} ist „Verifiziert“: Es gibt nichts, was dieser Dienst seiner IT zur Behebung nennen könnte.",
            (string?)(await ReadJsonAsync(nothingToFix))!["detail"]);
    }
}

public sealed class WaysForwardOnSqlite(SqliteApiFactory factory) : WaysForwardSuite(factory), IClassFixture<SqliteApiFactory>;

public sealed class WaysForwardOnPostgres(PostgresApiFactory factory) : WaysForwardSuite(factory), IClassFixture<PostgresApiFactory>;
