namespace TlsPreflight.Api.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>`Database`: which provider; connection strings are `ConnectionStrings:Sqlite` / `ConnectionStrings:Postgres`.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up (the embedded default; a production deployment may run them separately).</summary>
    public bool MigrateAtStartup { get; set; } = true;
}
