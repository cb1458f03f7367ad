using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TlsPreflight.Api.Admin.SignIn;
using TlsPreflight.Api.Identity;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>Base of every admin page: the signed-in caller, and the admin rule of the API (app role
/// TlsPreflight.Admin or Exchange/Global Administrator). A signed-in non-admin gets the 403 page, never the data.</summary>
public abstract class AdminPageModel : PageModel
{
    private CallerIdentity? caller;

    /// <summary>Set before any handler runs (the folder's authorization policy requires a tenant and a user).</summary>
    public CallerIdentity Caller => caller ?? throw new InvalidOperationException("No caller before the handler runs.");

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        caller = CallerIdentity.From(User);
        if (caller == null)
        {
            context.Result = Challenge(AdminSchemes.Admin);
            return;
        }

        if (!caller.IsAdmin)
        {
            context.Result = new PartialViewResult
            {
                ViewName = "_NotAdmin",
                ViewData = ViewData,
                StatusCode = StatusCodes.Status403Forbidden,
            };
            return;
        }

        await next();
    }
}
