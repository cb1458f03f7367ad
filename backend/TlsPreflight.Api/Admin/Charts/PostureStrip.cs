using System.Text;
using Microsoft.AspNetCore.Html;
using TlsPreflight.Api.Monitoring;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Admin.Charts;

/// <summary>A domain's level per day over the last days, as one inline SVG strip: one cell per day, coloured by the
/// level of the posture seen that day (the latest, when it changed), blank before the first check.</summary>
public static class PostureStrip
{
    public const int Days = 90;
    private const int Cell = 4;
    private const int Height = 14;

    /// <param name="history">The domain's postures, any order.</param>
    public static HtmlString Render(string domain, IReadOnlyList<PostureView> history, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var first = today.AddDays(1 - Days);
        var ordered = history.OrderBy(p => p.Time).ToList();
        var svg = new StringBuilder();
        svg.Append($"<svg class=\"chart strip\" role=\"img\" width=\"{Svg.N(Days * Cell)}\" height=\"{Svg.N(Height)}\" viewBox=\"0 0 {Svg.N(Days * Cell)} {Svg.N(Height)}\">");
        svg.Append($"<title>{Svg.Text($"{domain}: level per day, last {Days} days")}</title>");
        for (var i = 0; i < Days; i++)
        {
            var day = first.AddDays(i);
            var end = new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            // The posture in force at the end of the day, if it had been seen by then and was still seen that day.
            var posture = ordered.LastOrDefault(p => p.Time <= end);
            if (posture == null || posture.LastSeen < start && ordered.All(p => p.Time <= posture.Time))
            {
                continue;
            }

            var level = LevelText.Name(posture.Level);
            svg.Append($"<rect class=\"level-{level}\" x=\"{Svg.N(i * Cell)}\" y=\"0\" width=\"{Svg.N(Cell - 1)}\" height=\"{Svg.N(Height)}\">");
            svg.Append($"<title>{day:yyyy-MM-dd}: {Svg.Text(level)}</title></rect>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
