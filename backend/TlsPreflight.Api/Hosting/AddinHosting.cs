using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace TlsPreflight.Api.Hosting;

/// <summary>Serves the built add-in under /addin/ and the well-known file that lets Outlook's JavaScript-only
/// runtime (classic Windows) call this origin from the launch-event handler (SSO and CORS).</summary>
public static partial class AddinHosting
{
    public sealed record AllowedScripts(IReadOnlyList<string> Allowed);

    public static void UseAddinFiles(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<AddinHostingOptions>>().Value;
        var dist = Path.GetFullPath(options.DistPath, app.Environment.ContentRootPath);
        if (!System.IO.Directory.Exists(dist))
        {
            LogNoAddin(app.Logger, dist);
            return;
        }

        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(dist), RequestPath = "/addin" });
    }

    public static void MapAddinWellKnown(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/microsoft-officeaddins-allowed.json", (HttpRequest request, IOptions<AddinHostingOptions> options) =>
            {
                var origin = string.IsNullOrEmpty(options.Value.PublicOrigin) ? $"{request.Scheme}://{request.Host}" : options.Value.PublicOrigin.TrimEnd('/');
                return TypedResults.Ok(new AllowedScripts([$"{origin}/addin/{options.Value.LaunchEventScript}"]));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No built add-in at {Path}; /addin/ is not served (run `npm run build`).")]
    private static partial void LogNoAddin(ILogger logger, string path);
}
