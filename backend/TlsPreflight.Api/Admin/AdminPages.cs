using Microsoft.AspNetCore.Mvc.ApplicationModels;
using TlsPreflight.Api.Admin.SignIn;
using TlsPreflight.Api.Identity;

namespace TlsPreflight.Api.Admin;

/// <summary>The tenant admin pages (Razor Pages under Admin/Pages, served at /admin/...).</summary>
public static class AdminPages
{
    public const string SignInPage = "/SignIn";

    public static void AddAdminPages(this IHostApplicationBuilder builder)
    {
        var developmentSignIn = DevelopmentSignInAvailable(builder);
        builder.AddAdminAuthentication(developmentSignIn);
        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
        }

        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Admin/Pages";
            options.Conventions.AddFolderRouteModelConvention("/", PrefixWithAdmin);
            options.Conventions.AuthorizeFolder("/", AdminSchemes.SignedInPolicy);
            options.Conventions.AllowAnonymousToPage(SignInPage);
            if (!developmentSignIn)
            {
                // Outside Development the sign-in page has no route at all (404), not merely a refusal.
                options.Conventions.AddPageRouteModelConvention(SignInPage, model => model.Selectors.Clear());
            }
        });
    }

    /// <summary>Static files (wwwroot/admin) and the pages. Call after the API's authentication middleware.</summary>
    public static void MapAdminPages(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapRazorPages();
    }

    /// <summary>The development sign-in exists only where the development token issuer does.</summary>
    public static bool DevelopmentSignInAvailable(IHostApplicationBuilder builder)
        => builder.Environment.IsDevelopment()
           && builder.Configuration.GetSection(DevelopmentSignInOptions.SectionName).Get<DevelopmentSignInOptions>()?.Enabled == true;

    private static void PrefixWithAdmin(PageRouteModel model)
    {
        foreach (var selector in model.Selectors)
        {
            selector.AttributeRouteModel!.Template = AttributeRouteModel.CombineTemplates("admin", selector.AttributeRouteModel.Template);
        }
    }
}
