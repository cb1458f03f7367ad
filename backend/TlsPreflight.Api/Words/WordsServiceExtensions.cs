using Microsoft.AspNetCore.Localization;

namespace TlsPreflight.Api.Words;

public static class WordsServiceExtensions
{
    /// <summary>Sentences from .resx resources through <c>IStringLocalizer</c>, in en, de, fr and nl.</summary>
    public static void AddWords(this IServiceCollection services)
    {
        services.AddLocalization();
        services.AddSingleton(typeof(Microsoft.Extensions.Localization.IStringLocalizer<>), typeof(RememberedLocalizer<>));
        services.AddSingleton<SenderWords>();
        services.AddSingleton<AdminWords>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(SupportedLanguages.Fallback)
                .AddSupportedCultures([.. SupportedLanguages.All])
                .AddSupportedUICultures([.. SupportedLanguages.All]);
            // The add-in sends Office's display language and the admin page's browser its own, both as Accept-Language;
            // no query string or cookie chooses another.
            options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
    }

    /// <summary>Each request speaks the language its Accept-Language asks for (de-DE → de), else English.</summary>
    public static void UseSenderLanguage(this WebApplication app) => app.UseRequestLocalization();
}
