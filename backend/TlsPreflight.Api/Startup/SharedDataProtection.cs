using Microsoft.AspNetCore.DataProtection;

namespace TlsPreflight.Api.Startup;

/// <summary>`DataProtection:KeysPath`: where the keys behind the admin page's cookies and anti-forgery tokens live.</summary>
public sealed class DataProtectionSettings
{
    public const string SectionName = "DataProtection";

    /// <summary>A folder every API instance shares (a volume), so a cookie issued by one is read by the others and
    /// survives a restart on a read-only root filesystem. Empty: the framework's default (per machine).</summary>
    public string? KeysPath { get; set; }
}

public static class SharedDataProtection
{
    public static void AddSharedDataProtection(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(DataProtectionSettings.SectionName).Get<DataProtectionSettings>() ?? new();
        if (!string.IsNullOrWhiteSpace(settings.KeysPath))
        {
            builder.Services.AddDataProtection()
                .SetApplicationName("TlsPreflight")
                .PersistKeysToFileSystem(new DirectoryInfo(settings.KeysPath));
        }
    }
}
