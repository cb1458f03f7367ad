using System.Net;
using TlsPreflight.Api.Tests.Infrastructure;

namespace TlsPreflight.Api.Tests.Integration;

/// <summary>The engine's settings are checked when the service starts, not at the first probe.</summary>
public sealed class ProbingSettingsTests
{
    [Fact]
    public async Task The_service_refuses_to_start_with_an_extra_refused_range_that_is_not_cidr_and_names_it()
    {
        await using var factory = new SqliteApiFactory();
        await factory.InitializeAsync();
        factory.Settings["Probing:ExtraRefusedRanges:0"] = "10.20.0.0/16";
        factory.Settings["Probing:ExtraRefusedRanges:1"] = "intranet";

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("ExtraRefusedRanges entry 'intranet'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_starts_with_extra_refused_ranges_in_cidr_form()
    {
        await using var factory = new SqliteApiFactory();
        await factory.InitializeAsync();
        factory.Settings["Probing:ExtraRefusedRanges:0"] = "10.20.0.0/16";
        factory.Settings["Probing:ExtraRefusedRanges:1"] = "fd00:1234::/32";

        using var client = factory.CreateClient();
        using var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
