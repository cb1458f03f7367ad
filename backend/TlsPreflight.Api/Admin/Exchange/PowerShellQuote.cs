namespace TlsPreflight.Api.Admin.Exchange;

/// <summary>Values for generated PowerShell: single-quoted strings, in which nothing expands ($, `, @( )).</summary>
public static class PowerShellQuote
{
    /// <summary>PowerShell also ends a single-quoted string at the typographic quotes U+2018..U+201B, so those
    /// are doubled too (about_Quoting_Rules: a quote inside is written twice).</summary>
    public static string Single(string value)
    {
        var quoted = new System.Text.StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            quoted.Append(c);
            if (c is '\'' or '\u2018' or '\u2019' or '\u201A' or '\u201B')
            {
                quoted.Append(c);
            }
        }

        return quoted.Append('\'').ToString();
    }

    /// <summary>A string array argument: 'a','b'.</summary>
    public static string List(IEnumerable<string> values) => string.Join(',', values.Select(Single));
}
