using Microsoft.AspNetCore.Authentication;
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
        var secureCookies = !builder.Environment.IsDevelopment();
        var roleRecheck = builder.Configuration.GetValue(RoleRecheckKey, DefaultRoleRecheck);
        void ConfigureCookie(CookieAuthenticationOptions cookie) => AdminAuthentication.ConfigureCookie(cookie, secureCookies, roleRecheck);
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

    /// <summary>How long the roles read at sign-in are believed (`AdminSignIn:RoleRecheck`); then the admin signs in
    /// again (silently with Entra's session), so a role taken away in Entra ID stops working within minutes.</summary>
    public const string RoleRecheckKey = "AdminSignIn:RoleRecheck";
    public static readonly TimeSpan DefaultRoleRecheck = TimeSpan.FromMinutes(10);
    private const string RolesReadAt = "tlspreflight.roles-read-at";

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, bool secure, TimeSpan roleRecheck)
    {
        cookie.Cookie.Name = AdminSchemes.CookieName;
        cookie.Cookie.Path = AdminSchemes.CookiePath; // never sent to the API
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        // Behind a TLS-terminating load balancer the request may look like http; the cookie still never travels in clear.
        cookie.Cookie.SecurePolicy = secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        // Sliding renewal re-issues the ticket with the same claims, so the time the roles were read is kept apart.
        var signingIn = cookie.Events.OnSigningIn;
        cookie.Events.OnSigningIn = async context =>
        {
            context.Properties.Items[RolesReadAt] = Now(context.Options).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            await signingIn(context);
        };
        var validate = cookie.Events.OnValidatePrincipal;
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var readAt = context.Properties.Items.TryGetValue(RolesReadAt, out var text)
                && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
                ? at
                : DateTimeOffset.MinValue;
            if (Now(context.Options) - readAt > roleRecheck)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(AdminSchemes.Cookie);
                return;
            }

            await validate(context);
        };
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

    private static DateTimeOffset Now(CookieAuthenticationOptions options) => (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
}
