using Npgsql;

namespace TlsPreflight.Api.Tests.Infrastructure;

/// <summary>The PostgreSQL and Redis servers `npm test` starts (scripts/test.sh exports their addresses).
/// Missing variables fail the tests that need them, with the reason: they are never skipped.</summary>
public static class TestServices
{
    public const string PostgresVariable = "TLSPREFLIGHT_TEST_POSTGRES";
    public const string RedisVariable = "TLSPREFLIGHT_TEST_REDIS";

    public static string Postgres => Required(PostgresVariable, "an Npgsql connection string");

    public static string Redis => Required(RedisVariable, "host:port");

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public static async Task<string> CreatePostgresDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = "tlspreflight_test_" + Guid.NewGuid().ToString("N")[..16];
        await using (var admin = new NpgsqlConnection(Postgres))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ConnectionString;
    }

    private static string Required(string variable, string what)
        => Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. It must hold {what} of a running test server; `npm test` (scripts/test.sh) starts one and sets it.");
}
