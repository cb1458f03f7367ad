using System.Globalization;

namespace TlsPreflight.Api.Words;

/// <summary>The languages the service speaks (the countries where forced TLS is most asked for); English is the fallback.</summary>
public static class SupportedLanguages
{
    public const string Fallback = "en";

    public static IReadOnlyList<string> All { get; } = [Fallback, "de", "fr", "nl"];

    /// <summary>The language the current request speaks: its UI culture's language when supported, else English.</summary>
    public static string Current
    {
        get
        {
            var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return All.Contains(language, StringComparer.Ordinal) ? language : Fallback;
        }
    }
}
