namespace TlsPreflight.Api.Edges;

/// <summary>Response headers that keep browsers from misreading or framing what the service sends.</summary>
public static class SecurityHeaders
{
    /// <summary>The admin pages load only their own script and style files (wwwroot/admin) and are never framed.</summary>
    public const string AdminPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self' https://login.microsoftonline.com; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>The add-in's pages run inside Outlook: on the web, new Outlook and the desktop clients' hosts.</summary>
    public const string AddinPolicy =
        "frame-ancestors 'self' https://*.office.com https://*.office365.com https://*.outlook.com https://outlook.live.com " +
        "https://*.cloud.microsoft https://*.officeapps.live.com https://*.microsoft.com";

    public static void UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                if (path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = AdminPolicy;
                    headers.XFrameOptions = "DENY"; // for browsers without frame-ancestors
                    headers["Referrer-Policy"] = "same-origin";
                }
                else if (path.StartsWithSegments("/addin", StringComparison.OrdinalIgnoreCase))
                {
                    headers.ContentSecurityPolicy = AddinPolicy;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
