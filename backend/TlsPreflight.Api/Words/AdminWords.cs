using Microsoft.Extensions.Localization;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Words;

namespace TlsPreflight.Api.Words;

/// <summary>Everything the admin pages say — headings, navigation, labels, buttons, table headers, notices — and what
/// levels, actions and fail modes mean, for an admin who does not read RFCs (AdminWords.resx and its translations).
/// Level meanings are the engine's, the same the sender and the CLI read.</summary>
public sealed class AdminWords(IStringLocalizer<AdminWords> text, EngineWords engine)
{
    /// <summary>A page's words by key (<c>nav.policy</c>, <c>policy.save</c>, …), in the request's language.</summary>
    public string this[string key] => text[key];

    /// <summary>A sentence with values in it (<c>{0}</c>, <c>{1}</c>, …), formatted in the request's language.</summary>
    public string this[string key, params object[] values] => text[key, values];

    public string Finding(string code) => engine.Finding(code);

    public string LevelMeaning(SecurityLevel level) => engine.LevelMeaning(level);

    /// <summary>What the sender sees in Outlook when a domain is below its required level.</summary>
    public string SenderExperience(PolicyAction action) => text["experience." + action.ToString().ToLowerInvariant()];

    public string FailModeTradeOff(FailMode mode) => text["failmode." + mode.ToString().ToLowerInvariant()];
}
