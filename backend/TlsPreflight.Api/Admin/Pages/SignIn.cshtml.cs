using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TlsPreflight.Api.Admin.SignIn;

namespace TlsPreflight.Api.Admin.Pages;

/// <summary>Development sign-in: pick a tenant, a user and whether they are an admin. The page has no route
/// outside Development (AdminPages.AddAdminPages), and POST still checks it is there.</summary>
public sealed class SignInModel(IWebHostEnvironment environment) : PageModel
{
    [BindProperty]
    public SignInForm Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var tenant = Form.TenantId.Trim();
        var user = Form.UserId.Trim();
        var name = string.IsNullOrWhiteSpace(Form.Name) ? $"{user}@{tenant}.example" : Form.Name.Trim();
        await HttpContext.SignInAsync(AdminSchemes.Cookie, DevelopmentPrincipal.Create(tenant, user, name, Form.IsAdmin));
        // Only back into the admin pages: an open redirect would hand the fresh session to another site.
        var target = Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith("/admin", StringComparison.Ordinal) ? ReturnUrl : "/admin";
        return LocalRedirect(target);
    }

    public sealed class SignInForm
    {
        [Required(ErrorMessage = "Enter a tenant id.")]
        [StringLength(64, ErrorMessage = "At most 64 characters.")]
        [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "Letters, digits, dots, dashes and underscores only.")]
        [Display(Name = "Tenant id")]
        public string TenantId { get; set; } = "contoso";

        [Required(ErrorMessage = "Enter a user id.")]
        [StringLength(64, ErrorMessage = "At most 64 characters.")]
        [RegularExpression("^[A-Za-z0-9._@-]+$", ErrorMessage = "Letters, digits, dots, dashes, @ and underscores only.")]
        [Display(Name = "User id")]
        public string UserId { get; set; } = "admin";

        [StringLength(128, ErrorMessage = "At most 128 characters.")]
        [Display(Name = "Display name (optional)")]
        public string? Name { get; set; }

        [Display(Name = "Administrator")]
        public bool IsAdmin { get; set; } = true;
    }
}
