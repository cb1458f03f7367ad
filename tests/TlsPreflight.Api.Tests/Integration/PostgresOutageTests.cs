using System.Net;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Integration;

/// <summary>The API on a PostgreSQL server of the test's own, which the test stops and starts again.</summary>
public sealed class PostgresOutageFactory : ApiFactory
{
    public OwnPostgres Postgres { get; private set; } = null!;

    protected override async Task ConfigureAsync(Dictionary<string, string?> settings)
    {
        Postgres = await OwnPostgres.StartAsync(TestContext.Current.CancellationToken);
        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Postgres"] = Postgres.ConnectionString;
        settings["PolicyCache:MaxStaleness"] = "00:00:20";
        settings["AuditWriter:CommitWait"] = "00:00:06";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

public sealed class PostgresOutageTests(PostgresOutageFactory factory) : FunctionalTest(factory), IClassFixture<PostgresOutageFactory>
{
    private OwnPostgres Postgres => ((PostgresOutageFactory)Factory).Postgres;

    [Fact]
    public async Task With_postgres_stopped_decisions_use_the_last_policy_and_sends_are_written_when_it_returns_or_refused_with_503()
    {
        var admin = await Factory.SignInAsync(NewTenant(), "admin", admin: true);
        var partner = Domain("plaintext");
        await SavePolicyAsync(admin, Policy(forcedTls: $$"""{"pattern":"{{partner}}","requiredLevel":"verified","action":"block"}"""));
        var (sentBefore, _) = await AssessAsync(admin, "send", "a@" + partner);
        Assert.Equal(HttpStatusCode.OK, sentBefore);

        await Postgres.StopAsync();

        // The policy this instance read still decides: the forced-TLS rule blocks.
        var (previewStatus, preview) = await AssessAsync(admin, "preview", "b@" + partner);
        Assert.Equal(HttpStatusCode.OK, previewStatus);
        Assert.Equal("block", (string?)preview!["decision"]);
        Assert.Equal(1, (int)preview["policyVersion"]!);

        // A send whose entry cannot be committed is a 503 problem with Retry-After, and is not written later.
        using (var refused = await admin.PostAsync("/api/v1/assessments", Json($$"""{"recipients":["refused@{{partner}}"],"intent":"send"}"""), Cancel))
        {
            await AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }

        // A send while the database comes back waits in the buffer and is acknowledged once written.
        var waiting = AssessAsync(admin, "send", "c@" + partner);
        await Postgres.StartAgainAsync(Cancel);
        var (sentDuring, during) = await waiting;
        Assert.Equal(HttpStatusCode.OK, sentDuring);
        Assert.Equal("block", (string?)during!["decision"]);

        var audit = await ReadJsonAsync(await admin.GetAsync($"/api/v1/audit?domain={partner}", Cancel));
        Assert.Equal(2, (int)audit!["total"]!);
        Assert.DoesNotContain("refused@", audit.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_older_than_the_bound_is_not_used_the_answer_is_503_never_500()
    {
        var client = await Factory.SignInAsync(NewTenant());
        var (first, _) = await AssessAsync(client, "preview", "a@" + Domain("verified"));
        Assert.Equal(HttpStatusCode.OK, first);

        await Postgres.StopAsync();
        try
        {
            var statuses = new List<HttpStatusCode>();
            using var last = await PollUntilRefusedAsync(client, statuses);
            Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {s}"));
            await AssertProblemAsync(last, HttpStatusCode.ServiceUnavailable);
            Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Equal(HttpStatusCode.OK, statuses[0]);
        }
        finally
        {
            await Postgres.StartAgainAsync(Cancel);
        }
    }

    /// <summary>Previews until the policy bound (20 s) has passed; at most a minute.</summary>
    private static async Task<HttpResponseMessage> PollUntilRefusedAsync(HttpClient client, List<HttpStatusCode> statuses)
    {
        for (var i = 0; i < 120; i++)
        {
            var response = await client.PostAsync("/api/v1/assessments", Json("""{"recipients":["x@verified.bound.test"],"intent":"preview"}"""), Cancel);
            statuses.Add(response.StatusCode);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(500, Cancel);
        }

        throw new TimeoutException("The preview was still answered from the held policy after a minute.");
    }
}
