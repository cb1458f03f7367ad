namespace TlsPreflight.Api.Policy;

/// <summary>A temporary override an admin approved for one domain (a request of POST /api/v1/exceptions): mail to
/// <paramref name="Domain"/> is allowed whatever the TLS rule says, until <paramref name="ExpiresAt"/>. It lives in
/// the policy, so it shows on the policy page and in the policy history, and stops applying on its own.</summary>
public sealed record ExceptionGrant(Guid RequestId, string Domain, DateTimeOffset ExpiresAt, string ApprovedBy)
{
    public bool InForceAt(DateTimeOffset now) => now < ExpiresAt;
}
