using Microsoft.Extensions.Localization;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Words;

namespace TlsPreflight.Api.Words;

/// <summary>What levels, actions and fail modes mean, for an admin who does not read RFCs (AdminWords.resx and its
/// translations). Level meanings are the engine's, the same the sender and the CLI read.</summary>
public sealed class AdminWords(IStringLocalizer<AdminWords> text, EngineWords engine)
{
    public string Finding(string code) => engine.Finding(code);

    public string LevelMeaning(SecurityLevel level) => engine.LevelMeaning(level);

    /// <summary>What the sender sees in Outlook when a domain is below its required level.</summary>
    public string SenderExperience(PolicyAction action) => text["experience." + action.ToString().ToLowerInvariant()];

    public string FailModeTradeOff(FailMode mode) => text["failmode." + mode.ToString().ToLowerInvariant()];
}
