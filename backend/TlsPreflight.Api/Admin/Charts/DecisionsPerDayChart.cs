using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using TlsPreflight.Api.Audit;

namespace TlsPreflight.Api.Admin.Charts;

/// <summary>Send decisions per day as stacked columns: allow, warn, block (bottom to top).</summary>
public static class DecisionsPerDayChart
{
    private const int Width = 960;
    private const int Height = 180;
    private const int Left = 32;
    private const int Bottom = 24;
    private const int Top = 8;

    /// <summary>Every day from <paramref name="first"/> to <paramref name="last"/> gets a column (zero days too);
    /// null when there is no decision at all, so the page shows its empty state instead.</summary>
    public static HtmlString? Render(IReadOnlyList<AuditDayCount> perDay, DateOnly first, DateOnly last)
    {
        var byDate = perDay.ToDictionary(d => d.Date);
        var days = new List<AuditDayCount>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            days.Add(byDate.TryGetValue(day, out var count) ? count : new AuditDayCount(day, 0, 0, 0));
        }

        var allow = days.Sum(d => d.Allow);
        var warn = days.Sum(d => d.Warn);
        var block = days.Sum(d => d.Block);
        if (allow + warn + block == 0 || days.Count == 0)
        {
            return null;
        }

        var max = days.Max(d => d.Allow + d.Warn + d.Block);
        var plot = Height - Bottom - Top;
        var slot = (double)(Width - Left) / days.Count;
        var bar = Math.Max(1, slot * 0.7);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" id=\"chart-per-day\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" data-allow=\"{allow}\" data-warn=\"{warn}\" data-block=\"{block}\" ")
            .Append("aria-label=\"").Append(Svg.Text($"Decisions per day, {days[0].Date:yyyy-MM-dd} to {days[^1].Date:yyyy-MM-dd}: {allow} allow, {warn} warn, {block} block")).Append("\">");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width}\" y2=\"{Height - Bottom}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 4}\" y=\"{Top + 10}\" text-anchor=\"end\">{max}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 4}\" y=\"{Height - Bottom}\" text-anchor=\"end\">0</text>");

        var labelEvery = Math.Max(1, (int)Math.Ceiling(days.Count / 8.0));
        for (var i = 0; i < days.Count; i++)
        {
            var d = days[i];
            var x = Left + (i * slot) + ((slot - bar) / 2);
            var y = (double)(Height - Bottom);
            foreach (var (name, count) in new[] { ("allow", d.Allow), ("warn", d.Warn), ("block", d.Block) })
            {
                if (count == 0)
                {
                    continue;
                }

                var h = plot * count / (double)max;
                y -= h;
                svg.Append("<rect class=\"").Append(name).Append("\" x=\"").Append(Svg.N(x)).Append("\" y=\"").Append(Svg.N(y))
                    .Append("\" width=\"").Append(Svg.N(bar)).Append("\" height=\"").Append(Svg.N(h)).Append("\"><title>")
                    .Append(Svg.Text($"{d.Date:yyyy-MM-dd}: {count} {name}")).Append("</title></rect>");
            }

            // Every few days, and always the last day, without crowding it.
            if ((i % labelEvery == 0 && days.Count - 1 - i >= labelEvery) || i == days.Count - 1)
            {
                svg.Append("<text class=\"tick\" x=\"").Append(Svg.N(x + (bar / 2))).Append("\" y=\"").Append(Svg.N(Height - 6))
                    .Append("\" text-anchor=\"middle\">").Append(Svg.Text(d.Date.ToString("MM-dd", CultureInfo.InvariantCulture))).Append("</text>");
            }
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
