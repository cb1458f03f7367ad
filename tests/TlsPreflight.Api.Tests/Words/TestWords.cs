using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TlsPreflight.Api.Words;
using TlsPreflight.Probing.Words;

namespace TlsPreflight.Api.Tests.Words;

/// <summary>The service's words outside a request, and a way to read them in one language.</summary>
internal static class TestWords
{
    public static readonly string[] Languages = ["en", "de", "fr", "nl"];

    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    public static SenderWords Sender { get; } = new(new StringLocalizer<SenderWords>(Factory), EngineWords.Create());

    public static AdminWords Admin { get; } = new(new StringLocalizer<AdminWords>(Factory), EngineWords.Create());

    public static T In<T>(string culture, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
