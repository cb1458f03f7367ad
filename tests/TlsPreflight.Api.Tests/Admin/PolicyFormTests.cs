using TlsPreflight.Api.Admin.Policy;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Tests.Admin;

public sealed class PolicyFormTests
{
    private static PolicyForm Form(params (string? Pattern, bool Remove)[] rows) => new()
    {
        ForcedTls = rows.Select(r => new ForcedTlsRow { Pattern = r.Pattern, Remove = r.Remove }).ToList(),
        InternalDomains = "a.com, b.com\r\nc.com",
    };

    [Fact]
    public void Removed_and_blank_rows_are_left_out_of_the_policy()
    {
        var policy = Form(("keep.com", false), ("drop.com", true), ("", false), ("  ", false), ("also.com", false)).ToPolicy();

        Assert.Equal(["keep.com", "also.com"], policy.ForcedTls.Select(r => r.Pattern));
        Assert.Equal(["a.com", "b.com", "c.com"], policy.InternalDomains);
    }

    [Fact]
    public void Validator_errors_land_on_the_row_the_admin_typed_them_in()
    {
        var form = Form(("ok.com", false), ("gone.com", true), ("", false), ("*.*.bad.com", false));
        Assert.False(PolicyValidator.TryValidate(form.ToPolicy(), out _, out var errors));

        var mapped = form.MapErrors("Form", errors).ToList();

        Assert.Equal(("Form.ForcedTls[3].Pattern", "Only a leading '*.' wildcard is allowed."), Assert.Single(mapped));
    }

    [Fact]
    public void Internal_domain_errors_name_the_bad_entry()
    {
        var form = new PolicyForm { InternalDomains = "good.com\nbad..com", RetentionDays = 0, DefaultLevel = SecurityLevel.Unknown };
        Assert.False(PolicyValidator.TryValidate(form.ToPolicy(), out _, out var errors));

        var mapped = form.MapErrors("Form", errors).ToDictionary(e => e.Field, e => e.Message);

        Assert.StartsWith("'bad..com': ", mapped["Form.InternalDomains"], StringComparison.Ordinal);
        Assert.Equal("Between 1 and 3650 days.", mapped["Form.RetentionDays"]);
        Assert.Equal("One of plaintext, encrypted, verified, enforced.", mapped["Form.DefaultLevel"]);
    }

    [Fact]
    public void A_blank_line_is_always_offered_for_adding_a_domain()
    {
        var form = Form(("a.com", false));

        form.EnsureBlankRows(1);
        form.EnsureBlankRows(1);

        Assert.Equal(2, form.ForcedTls.Count);
        Assert.True(form.ForcedTls[1].IsBlank);
    }
}
