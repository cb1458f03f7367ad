using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace TlsPreflight.Api.Words;

/// <summary>The <c>IStringLocalizer&lt;T&gt;</c> of the service: the .resx localizer with each (language, key) looked up
/// once. Every answer composes a dozen sentences, and <c>ResourceManager.GetString</c> takes a lock per lookup. Own
/// code because Microsoft.Extensions.Localization caches resource sets, not the strings looked up in them.</summary>
/// <remarks>Bounded: the keys are the .resx keys and the cultures the supported languages (request localization
/// never sets another UI culture).</remarks>
public sealed class RememberedLocalizer<T>(IStringLocalizerFactory factory) : IStringLocalizer<T>
{
    private readonly IStringLocalizer resources = factory.Create(typeof(T));
    private readonly ConcurrentDictionary<(string Culture, string Key), LocalizedString> known = new();

    public LocalizedString this[string name]
        => known.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), static (key, source) => source[key.Key], resources);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            // As ResourceManagerStringLocalizer does: the format in the UI language, the values in the current culture.
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => resources.GetAllStrings(includeParentCultures);
}
