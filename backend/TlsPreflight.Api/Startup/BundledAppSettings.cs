using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace TlsPreflight.Api.Startup;

public static class BundledAppSettings
{
    /// <summary>`npm start` runs the built DLL from the repo root, so the content root (data/, addin/dist) is the repo
    /// root, which holds no appsettings*.json. Read those from beside the DLL instead, keeping their place in the
    /// configuration order (environment variables and arguments still override them).</summary>
    public static void UseBundledAppSettings(this IHostApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var bundled = new PhysicalFileProvider(AppContext.BaseDirectory);
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json
                && path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
                && !File.Exists(Path.Combine(builder.Environment.ContentRootPath, path))
                && File.Exists(Path.Combine(AppContext.BaseDirectory, path)))
            {
                sources[i] = new JsonConfigurationSource { Path = path, Optional = json.Optional, ReloadOnChange = false, FileProvider = bundled };
            }
        }
    }
}
