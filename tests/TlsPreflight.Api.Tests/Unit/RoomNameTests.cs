namespace TlsPreflight.Api.Tests.Unit;

public sealed class RoomNameTests
{
    [Fact]
    public void No_type_of_the_service_lives_in_a_room_named_after_a_language_feature()
    {
        string[] generic = ["Extensions", "Helpers", "Utils", "Common", "Misc"];
        var misplaced = typeof(Program).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && generic.Any(g => ns.Split('.').Contains(g)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(misplaced);
    }
}
