namespace TlsPreflight.Probing.Model;

/// <summary>Level names as serialised (kebab-case). What a level means is a sentence: <see cref="Words.EngineWords"/>.</summary>
public static class LevelText
{
    public static string Name(SecurityLevel level) => level switch
    {
        SecurityLevel.NoMail => "no-mail",
        _ => level.ToString().ToLowerInvariant(),
    };
}
