using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TlsPreflight.Api.Admin.SignIn;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>Ends the admin cookie (and the Entra ID session, when OpenID Connect is in use).</summary>
public sealed class SignOutModel(IAuthenticationSchemeProvider schemes) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await schemes.GetSchemeAsync(AdminSchemes.OpenIdConnect) != null)
        {
            return SignOut(new AuthenticationProperties { RedirectUri = "/admin" }, AdminSchemes.Cookie, AdminSchemes.OpenIdConnect);
        }

        await HttpContext.SignOutAsync(AdminSchemes.Cookie);
        return LocalRedirect("/admin");
    }
}
