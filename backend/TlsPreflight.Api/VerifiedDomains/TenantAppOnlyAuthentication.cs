using Microsoft.Identity.Web;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace TlsPreflight.Api.VerifiedDomains;

/// <summary>An app-only Graph token for one tenant (client credentials through Microsoft.Identity.Web):
/// reading a tenant's domains needs Domain.Read.All granted by that tenant's admin.</summary>
public sealed class TenantAppOnlyAuthentication(ITokenAcquisition tokens, string tenantId) : IAuthenticationProvider
{
    private const string GraphScope = "https://graph.microsoft.com/.default";

    public async Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        var token = await tokens.GetAccessTokenForAppAsync(GraphScope, tenant: tenantId,
            tokenAcquisitionOptions: new TokenAcquisitionOptions { CancellationToken = cancellationToken });
        request.Headers.Add("Authorization", "Bearer " + token);
    }
}
