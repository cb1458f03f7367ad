using System.Security.Claims;

namespace TlsPreflight.Api.Identity;

/// <summary>The identity of a validated bearer token, with who the caller is read from its claims once per token
/// (<see cref="RememberingTokenHandler"/>) rather than several times on every request (rate limit partition, access
/// policy, endpoint). Every request that carries the token shares this one instance, so its claims are fixed: adding or
/// removing one throws (a component that wants other claims builds its own identity, or calls <see cref="Clone"/>).</summary>
public sealed class TokenIdentity : ClaimsIdentity
{
    public TokenIdentity(ClaimsIdentity validated) : base(validated)
    {
        var principal = new ClaimsPrincipal(validated);
        Caller = CallerIdentity.Read(principal);
        HasScope = CallerIdentity.HasScope(principal);
    }

    private TokenIdentity(TokenIdentity other) : base(other)
    {
        Caller = other.Caller;
        HasScope = other.HasScope;
    }

    /// <summary>Null when the token lacks a tenant or a user.</summary>
    public CallerIdentity? Caller { get; }

    /// <summary>The token carries the API's delegated scope.</summary>
    public bool HasScope { get; }

    public override ClaimsIdentity Clone() => new TokenIdentity(this);

    public override void AddClaim(Claim claim) => throw Shared();

    public override void AddClaims(IEnumerable<Claim?> claims) => throw Shared();

    public override void RemoveClaim(Claim? claim) => throw Shared();

    public override bool TryRemoveClaim(Claim? claim) => throw Shared();

    private static InvalidOperationException Shared()
        => new("The identity of a validated token is shared by every request carrying the token; its claims cannot change.");
}
