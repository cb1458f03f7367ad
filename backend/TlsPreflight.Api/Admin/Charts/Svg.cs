using System.Globalization;
using System.Net;

namespace TlsPreflight.Api.Admin.Charts;

/// <summary>Small pieces shared by the inline SVG charts: escaping and invariant numbers.</summary>
internal static class Svg
{
    /// <summary>Text and attribute values; SVG inline in HTML follows the HTML escaping rules.</summary>
    public static string Text(string value) => WebUtility.HtmlEncode(value);

    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
