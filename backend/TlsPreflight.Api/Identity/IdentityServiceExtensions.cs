using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.Tokens;

namespace TlsPreflight.Api.Identity;

public static class IdentityServiceExtensions
{
    /// <summary>One JwtBearer scheme: Entra ID (Microsoft.Identity.Web) when `AzureAd:ClientId` is set, and/or the
    /// Development issuer's key. Start-up fails if the Development issuer is switched on outside Development.</summary>
    public static void AddApiIdentity(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Configuration.GetSection(DevelopmentSignInOptions.SectionName).Get<DevelopmentSignInOptions>() ?? new();
        if (development.Enabled && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"DevelopmentSignIn:Enabled is true in the '{builder.Environment.EnvironmentName}' environment. The development token issuer is for Development only.");
        }

        if (development.Enabled)
        {
            LoopbackSignIn.RequireLoopbackBinding(builder.Configuration);
        }

        var azureAd = builder.Configuration.GetSection("AzureAd");
        var authentication = services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        if (!string.IsNullOrEmpty(azureAd["ClientId"]))
        {
            // Multi-tenant: with authority "organizations"/"common" Microsoft.Identity.Web checks the issuer against the token's tid.
            var webApi = authentication.AddMicrosoftIdentityWebApi(
                jwt => ConfigureClaims(jwt),
                identity => azureAd.Bind(identity));
            if (!string.IsNullOrEmpty(azureAd["ClientSecret"]) || azureAd.GetSection("ClientCredentials").Exists())
            {
                // App-only Graph tokens per tenant for the verified-domain lookup.
                webApi.EnableTokenAcquisitionToCallDownstreamApi(_ => { }).AddInMemoryTokenCaches();
            }
        }
        else
        {
            authentication.AddJwtBearer(jwt =>
            {
                ConfigureClaims(jwt);
                jwt.TokenValidationParameters.ValidateIssuerSigningKey = true;
            });
        }

        services.AddOptions<DevelopmentSignInOptions>().BindConfiguration(DevelopmentSignInOptions.SectionName);
        if (development.Enabled)
        {
            services.AddSingleton<DevelopmentTokenIssuer>();
            services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, DevelopmentIssuerTrust>();
        }

        var access = AccessOptions.Read(builder);
        services.AddSingleton(access);
        // Last, after Microsoft.Identity.Web's own configuration: the scheme validates through the remembering handler.
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>>(sp => new RememberValidatedTokens(sp.GetRequiredService<TimeProvider>(), access));
        services.AddAuthorization(options => AccessPolicies.Add(options, access));
    }

    private static void ConfigureClaims(JwtBearerOptions jwt)
    {
        // Keep Entra's short claim names (tid, oid, scp, roles, wids).
        jwt.MapInboundClaims = false;
        // Nothing reads the bearer token back from the authentication properties; storing it costs every request.
        jwt.SaveToken = false;
        jwt.TokenValidationParameters.NameClaimType = "preferred_username";
        jwt.TokenValidationParameters.RoleClaimType = "roles";
    }

    /// <summary>Replaces the scheme's token handlers by one <see cref="RememberingTokenHandler"/> with the same claim mapping.</summary>
    private sealed class RememberValidatedTokens(TimeProvider clock, AccessOptions access) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions jwt)
        {
            var handler = new RememberingTokenHandler(clock, access.ValidatedTokenMemory, access.ValidatedTokenCapacity)
            {
                MapInboundClaims = jwt.MapInboundClaims,
            };
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(handler);
        }
    }

    /// <summary>Adds the Development issuer's key, issuer and audience to the one JwtBearer scheme, keeping any Entra validation.</summary>
    private sealed class DevelopmentIssuerTrust(DevelopmentTokenIssuer issuer, IOptions<DevelopmentSignInOptions> options) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions jwt)
        {
            if (name != JwtBearerDefaults.AuthenticationScheme)
            {
                return;
            }

            var parameters = jwt.TokenValidationParameters;
            var dev = options.Value;
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], issuer.SigningKey];
            parameters.ValidAudiences = [.. parameters.ValidAudiences ?? [], dev.Audience];
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], dev.Issuer];
            var entraIssuerCheck = parameters.IssuerValidator;
            if (entraIssuerCheck != null)
            {
                parameters.IssuerValidator = (tokenIssuer, token, validation) =>
                    tokenIssuer == dev.Issuer ? tokenIssuer : entraIssuerCheck(tokenIssuer, token, validation);
            }
        }
    }
}
