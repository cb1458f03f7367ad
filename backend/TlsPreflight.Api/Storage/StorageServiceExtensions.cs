using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TlsPreflight.Api.Storage;

public static class StorageServiceExtensions
{
    /// <summary>Registers <see cref="AppDbContext"/> for the configured provider.</summary>
    public static void AddStorage(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        builder.Services.AddExceptionHandler<StorageUnavailableHandler>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var connection = builder.Configuration.GetConnectionString("Postgres");
            if (string.IsNullOrEmpty(connection))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is empty.");
            }

            // Pooled: every request resolves a context (policy version check, stores); renting one is cheaper than building it.
            builder.Services.AddDbContextPool<PostgresAppDbContext>(db => db.UseNpgsql(connection));
            builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
        }
        else
        {
            var connection = SqliteConnection(builder.Configuration.GetConnectionString("Sqlite"), builder.Environment.ContentRootPath);
            builder.Services.AddDbContextPool<SqliteAppDbContext>(db => db.UseSqlite(connection));
            builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        }
    }

    /// <summary>Applies migrations (creating the SQLite file and its folder on first start).</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        var options = app.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new();
        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database;
        if (options.MigrateAtStartup)
        {
            await database.MigrateAsync(app.Lifetime.ApplicationStopping);
        }

        if (options.Provider != DatabaseProvider.Postgres)
        {
            // Write-ahead logging (sqlite.org/wal.html): a commit appends to the log with one sync instead of rewriting
            // pages through a rollback journal, and readers do not wait for the audit writer. Kept in the file.
            await database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", app.Lifetime.ApplicationStopping);
        }
    }

    private static string SqliteConnection(string? configured, string contentRoot)
    {
        var connection = new SqliteConnectionStringBuilder(string.IsNullOrEmpty(configured) ? "Data Source=data/tlspreflight.db" : configured);
        if (connection.DataSource != ":memory:" && !Path.IsPathRooted(connection.DataSource))
        {
            connection.DataSource = Path.Combine(contentRoot, connection.DataSource);
        }

        var folder = Path.GetDirectoryName(connection.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            System.IO.Directory.CreateDirectory(folder);
        }

        return connection.ToString();
    }
}
