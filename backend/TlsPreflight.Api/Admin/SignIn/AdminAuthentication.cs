using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Identity.Web;
using TlsPreflight.Api.Identity;

namespace TlsPreflight.Api.Admin.SignIn;

/// <summary>Cookie sign-in for the admin pages: OpenID Connect with Entra ID (Microsoft.Identity.Web) when
/// `AzureAd:ClientId` is set, and/or the development sign-in page in Development.</summary>
public static class AdminAuthentication
{
    public const string NoSignInConfigured =
        "The admin page has no sign-in configured. Set AzureAd:ClientId (and AzureAd:ClientSecret or certificate) to sign in with Microsoft Entra ID.";

    public const string TenantNotServed = "This TLS Preflight service does not serve your organisation (Access:AllowedTenants).";

    public static void AddAdminAuthentication(this IHostApplicationBuilder builder, bool developmentSignIn)
    {
        var azureAd = builder.Configuration.GetSection("AzureAd");
        var useOpenIdConnect = !string.IsNullOrEmpty(azureAd["ClientId"]);
        var authentication = builder.Services.AddAuthentication();

        if (useOpenIdConnect)
        {
            // Registers the OIDC scheme and its cookie; same app registration as the API, admin rule checked on the claims.
            authentication.AddMicrosoftIdentityWebApp(azureAd, AdminSchemes.OpenIdConnect, AdminSchemes.Cookie);
            builder.Services.Configure<CookieAuthenticationOptions>(AdminSchemes.Cookie, ConfigureCookie);
        }
        else
        {
            authentication.AddCookie(AdminSchemes.Cookie, cookie =>
            {
                ConfigureCookie(cookie);
                if (!developmentSignIn)
                {
                    // Neither Entra ID nor the development sign-in: say so instead of redirecting to a page that does not exist.
                    cookie.Events.OnRedirectToLogin = async context =>
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.ContentType = "text/plain; charset=utf-8";
                        await context.Response.WriteAsync(NoSignInConfigured, context.HttpContext.RequestAborted);
                    };
                }
            });
        }

        authentication.AddPolicyScheme(AdminSchemes.Admin, "Admin pages", options =>
        {
            options.ForwardDefault = AdminSchemes.Cookie;
            options.ForwardChallenge = useOpenIdConnect ? AdminSchemes.OpenIdConnect : AdminSchemes.Cookie;
        });

        var access = AccessOptions.Read(builder);
        builder.Services.AddAuthorizationBuilder().AddPolicy(AdminSchemes.SignedInPolicy, policy => policy
            .AddAuthenticationSchemes(AdminSchemes.Admin)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => AccessPolicies.Allowed(context.User, access) != null));
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = AdminSchemes.CookieName;
        cookie.Cookie.Path = AdminSchemes.CookiePath; // never sent to the API
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // A signed-in user of a tenant the service does not serve: say so, instead of redirecting to a page that does not exist.
        cookie.Events.OnRedirectToAccessDenied = async context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(TenantNotServed, context.HttpContext.RequestAborted);
        };
        cookie.LoginPath = "/admin/signin";
        cookie.LogoutPath = "/admin/signin";
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        cookie.SlidingExpiration = true;
    }
}
