using TlsPreflight.Probing.Json;

namespace TlsPreflight.Probing.Model;

/// <summary>Level names as serialised (kebab-case: `no-mail`). What a level means is a sentence: <see cref="Words.EngineWords"/>.</summary>
public static class LevelText
{
    public static string Name(SecurityLevel level) => KebabCase.Name(level);
}
