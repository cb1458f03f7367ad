namespace TlsPreflight.Api.Admin.SignIn;

/// <summary>Authentication scheme names of the admin pages; the API keeps its own JwtBearer scheme.</summary>
public static class AdminSchemes
{
    /// <summary>Forwards to the cookie for reading the user and to OpenID Connect (or the dev sign-in page) for sign-in.</summary>
    public const string Admin = "AdminPages";
    public const string Cookie = "AdminCookie";
    public const string OpenIdConnect = "AdminOpenIdConnect";

    /// <summary>Page authorization: a signed-in user with a tenant. Admin rights are checked per page (403 page, not a redirect).</summary>
    public const string SignedInPolicy = "AdminPagesSignedIn";

    public const string CookieName = ".TlsPreflight.Admin";
    public const string CookiePath = "/admin";
}
