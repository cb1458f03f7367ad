using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace TlsPreflight.Api.Identity;

/// <summary>`POST /dev/token`: a token without Entra ID, for newcomers, scripts and browser tests. Development only.</summary>
public static class DevelopmentTokenApi
{
    public sealed record TokenRequest(string TenantId, string UserId, string? Name = null, IReadOnlyList<string>? Roles = null);

    public sealed record TokenResponse(string AccessToken, int ExpiresIn);

    public static IEndpointRouteBuilder MapDevelopmentTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/dev/token", Issue)
            .AllowAnonymous()
            .WithSummary("Issue a development access token")
            .WithTags("Development");
        return app;
    }

    private static Results<Ok<TokenResponse>, ValidationProblem> Issue(TokenRequest request, DevelopmentTokenIssuer issuer, IOptions<DevelopmentSignInOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.TenantId) || request.TenantId.Length > 64)
        {
            errors["tenantId"] = ["A tenant id of 1 to 64 characters."];
        }

        if (string.IsNullOrWhiteSpace(request.UserId) || request.UserId.Length > 64)
        {
            errors["userId"] = ["A user id of 1 to 64 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? $"{request.UserId}@{request.TenantId}.example" : request.Name;
        var token = issuer.Issue(request.TenantId, request.UserId, name, request.Roles ?? []);
        return TypedResults.Ok(new TokenResponse(token, (int)options.Value.TokenLifetime.TotalSeconds));
    }
}
