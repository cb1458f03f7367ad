using System.Text;
using Microsoft.AspNetCore.Html;

namespace TlsPreflight.Api.Admin.Charts;

/// <summary>One labelled horizontal bar per item, the count written beside it. Used for weak domains and levels.</summary>
public static class HorizontalBarChart
{
    private const int Width = 420;
    private const int Row = 24;
    private const int LabelWidth = 170;

    /// <param name="bars">Label, count and a CSS class for the bar's colour.</param>
    /// <returns>Null when every count is zero (the page shows its empty state).</returns>
    public static HtmlString? Render(string id, string title, IReadOnlyList<(string Label, int Count, string CssClass)> bars)
    {
        if (bars.Count == 0 || bars.All(b => b.Count == 0))
        {
            return null;
        }

        var max = bars.Max(b => b.Count);
        var height = (bars.Count * Row) + 4;
        var room = Width - LabelWidth - 48;
        var svg = new StringBuilder();
        svg.Append("<svg class=\"chart\" id=\"").Append(Svg.Text(id)).Append("\" width=\"").Append(Svg.N(Width)).Append("\" height=\"").Append(Svg.N(height))
            .Append("\" viewBox=\"0 0 ").Append(Svg.N(Width)).Append(' ').Append(Svg.N(height))
            .Append("\" role=\"img\" aria-label=\"").Append(Svg.Text(title + ": " + string.Join(", ", bars.Select(b => $"{b.Label} {b.Count}")))).Append("\">");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, count, css) = bars[i];
            var y = (i * Row) + 2;
            var w = count == 0 ? 0 : Math.Max(2, room * count / (double)max);
            var shown = label.Length > 26 ? label[..25] + "…" : label;
            svg.Append("<g data-label=\"").Append(Svg.Text(label)).Append("\" data-count=\"").Append(Svg.N(count)).Append("\">")
                .Append("<text class=\"label\" x=\"").Append(Svg.N(LabelWidth - 8)).Append("\" y=\"").Append(Svg.N(y + 15)).Append("\" text-anchor=\"end\">")
                .Append(Svg.Text(shown)).Append("</text>")
                .Append("<rect class=\"").Append(Svg.Text(css)).Append("\" x=\"").Append(Svg.N(LabelWidth)).Append("\" y=\"").Append(Svg.N(y + 3))
                .Append("\" width=\"").Append(Svg.N(w)).Append("\" height=\"16\"><title>").Append(Svg.Text($"{label}: {count}")).Append("</title></rect>")
                .Append("<text class=\"value\" x=\"").Append(Svg.N(LabelWidth + w + 6)).Append("\" y=\"").Append(Svg.N(y + 15)).Append("\">")
                .Append(Svg.N(count)).Append("</text></g>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
