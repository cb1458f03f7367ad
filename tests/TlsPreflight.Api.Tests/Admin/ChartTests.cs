using TlsPreflight.Api.Admin.Charts;
using TlsPreflight.Api.Audit;

namespace TlsPreflight.Api.Tests.Admin;

public sealed class ChartTests
{
    private static readonly DateOnly Day1 = new(2026, 11, 27);

    [Fact]
    public void Decisions_per_day_has_a_column_per_day_and_counts_every_decision()
    {
        var svg = DecisionsPerDayChart.Render([new AuditDayCount(Day1, 3, 1, 0), new AuditDayCount(Day1.AddDays(2), 0, 0, 2)], Day1, Day1.AddDays(2))!.Value!;

        Assert.Contains("data-allow=\"3\" data-warn=\"1\" data-block=\"2\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title>2026-11-27: 3 allow</title>", svg, StringComparison.Ordinal);
        Assert.Contains("<title>2026-11-29: 2 block</title>", svg, StringComparison.Ordinal);
        Assert.Equal(3, svg.Split("<rect").Length - 1); // the empty middle day draws nothing
        Assert.Contains(">11-28<", svg, StringComparison.Ordinal); // but has its label
    }

    [Fact]
    public void The_tallest_day_fills_the_plot_height()
    {
        var svg = DecisionsPerDayChart.Render([new AuditDayCount(Day1, 4, 0, 0), new AuditDayCount(Day1.AddDays(1), 2, 0, 0)], Day1, Day1.AddDays(1))!.Value!;

        Assert.Contains("height=\"148\"", svg, StringComparison.Ordinal); // 180 - 24 - 8
        Assert.Contains("height=\"74\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_without_data_are_null_so_the_page_shows_an_empty_state()
    {
        Assert.Null(DecisionsPerDayChart.Render([], Day1, Day1.AddDays(29)));
        Assert.Null(DecisionsPerDayChart.Render([new AuditDayCount(Day1, 0, 0, 0)], Day1, Day1));
        Assert.Null(HorizontalBarChart.Render("x", "X", []));
        Assert.Null(HorizontalBarChart.Render("x", "X", [("plaintext", 0, "level-plaintext")]));
    }

    [Fact]
    public void Bar_labels_are_escaped()
    {
        var svg = HorizontalBarChart.Render("weak", "Weak", [("<script>alert(1)</script>", 2, "weak\" onload=\"x")])!.Value!;

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("\" onload=\"", svg, StringComparison.Ordinal);
        Assert.Contains("data-count=\"2\"", svg, StringComparison.Ordinal);
    }
}
