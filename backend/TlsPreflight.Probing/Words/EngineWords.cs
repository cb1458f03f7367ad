using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.Words;

/// <summary>The engine's sentences (EngineWords.resx and its de, fr, nl translations) in the current UI culture:
/// what each finding code means and what each level means. The CLI, the API and the admin page read them here.</summary>
public sealed class EngineWords(IStringLocalizer<EngineWords> text)
{
    /// <summary>For callers without a service provider (the CLI's table, tests).</summary>
    public static EngineWords Create() =>
        new(new StringLocalizer<EngineWords>(new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    /// <summary>The sentence for a finding code; a code without one is shown as itself.</summary>
    public string Finding(string code)
    {
        var sentence = text[FindingKey(code)];
        return sentence.ResourceNotFound ? code : sentence.Value;
    }

    /// <summary>The sentence with the finding's detail appended, e.g. "... (detail)".</summary>
    public string Describe(Finding finding)
    {
        var sentence = Finding(finding.Code);
        return string.IsNullOrWhiteSpace(finding.Detail) ? sentence : $"{sentence} ({finding.Detail})";
    }

    /// <summary>What a level means (PRODUCT.md "The verdict"), in one or two plain sentences.</summary>
    public string LevelMeaning(SecurityLevel level) => text[LevelKey(level)];

    public static string FindingKey(string code) => "finding." + code;

    public static string LevelKey(SecurityLevel level) => "level." + LevelText.Name(level);
}
