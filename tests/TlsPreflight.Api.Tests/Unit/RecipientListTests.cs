using System.Text.Json;
using TlsPreflight.Api.Assessments;

namespace TlsPreflight.Api.Tests.Unit;

/// <summary>The API side of tests/cases/recipients.json; tests/addin/recipients.test.ts reads the same table.</summary>
public sealed class RecipientListTests
{
    private sealed record Case(string Recipient, string? Domain, string Why, bool Idn = false);

    private sealed record Table(IReadOnlyList<Case> Cases);

    private static readonly IReadOnlyList<Case> Cases = JsonSerializer.Deserialize<Table>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "cases", "recipients.json")),
        new JsonSerializerOptions(JsonSerializerDefaults.Web))!.Cases;

    public static TheoryData<int> CaseNumbers => [.. Enumerable.Range(0, Cases.Count)];

    [Theory]
    [MemberData(nameof(CaseNumbers))]
    public void Each_address_in_the_shared_table_is_judged_as_the_table_says(int number)
    {
        var expected = Cases[number];

        var valid = RecipientList.TryRead(expected.Recipient.Trim(), out var recipient, out var error);

        Assert.True(valid == (expected.Domain != null), $"{expected.Why}: {(valid ? "accepted" : "refused: " + error)}");
        Assert.Equal(expected.Domain, valid ? recipient.Domain : null);
    }

    [Fact]
    public void A_list_with_one_valid_entry_is_accepted_and_each_bad_entry_is_kept_with_its_index()
    {
        var ok = RecipientList.TryParse(["bob@", "ok@fine.test", "x@-bad-.test"], 500, out var recipients, out var invalid, out var errors);

        Assert.True(ok);
        Assert.Empty(errors);
        Assert.Equal(["fine.test"], recipients.Select(r => r.Domain));
        Assert.Equal([(0, "bob@"), (2, "x@-bad-.test")], invalid.Select(e => (e.Index, e.Entry)));
    }

    [Fact]
    public void A_list_without_one_valid_entry_is_refused_naming_each_entry()
    {
        var ok = RecipientList.TryParse(["bob@", "x@-bad-.test"], 500, out _, out _, out var errors);

        Assert.False(ok);
        Assert.Equal(["recipients[0]", "recipients[1]"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_long_bad_entry_is_echoed_cut_to_a_hundred_characters()
        => Assert.Equal(InvalidRecipient.MaxEchoLength, new InvalidRecipient(0, new string('x', 400), "too long").Echo.Length);
}
