using System.Security.Claims;
using TlsPreflight.Api.Identity;

namespace TlsPreflight.Api.Tests.Unit;

public sealed class CallerIdentityTests
{
    private static ClaimsPrincipal User(params (string Type, string Value)[] claims)
        => new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Bearer"));

    [Fact]
    public void From_reads_tenant_object_id_and_lower_cased_user_name()
    {
        var caller = CallerIdentity.From(User(("tid", "T1"), ("oid", "o1"), ("preferred_username", "Bob@Contoso.com")));
        Assert.Equal(new CallerIdentity("t1", "o1", "bob@contoso.com", false), caller);
    }

    [Fact]
    public void From_reads_the_long_claim_names_a_mapping_handler_produces()
    {
        var caller = CallerIdentity.From(User(
            ("http://schemas.microsoft.com/identity/claims/tenantid", "t1"),
            ("http://schemas.microsoft.com/identity/claims/objectidentifier", "o1"),
            (ClaimTypes.Role, CallerIdentity.AdminAppRole)));
        Assert.True(caller!.IsAdmin);
    }

    [Theory]
    [InlineData("29232cdf-9323-42fd-ade2-1d097af3e4de", true)] // Exchange Administrator
    [InlineData("62e90394-69f5-4237-9190-012177145e10", true)] // Global Administrator
    [InlineData("f2ef992c-3afb-46b9-b7cf-a126ee74c451", false)] // Global Reader
    public void From_counts_exchange_and_global_administrators_as_admins(string wid, bool admin)
        => Assert.Equal(admin, CallerIdentity.From(User(("tid", "t"), ("oid", "o"), ("wids", wid)))!.IsAdmin);

    [Fact]
    public void From_is_null_without_a_tenant()
        => Assert.Null(CallerIdentity.From(User(("oid", "o1"))));

    [Theory]
    [InlineData("access_as_user", true)]
    [InlineData("User.Read access_as_user", true)]
    [InlineData("User.Read", false)]
    [InlineData("access_as_user_extra", false)]
    public void HasScope_reads_the_space_separated_scp_claim(string scp, bool expected)
        => Assert.Equal(expected, CallerIdentity.HasScope(User(("scp", scp))));
}
