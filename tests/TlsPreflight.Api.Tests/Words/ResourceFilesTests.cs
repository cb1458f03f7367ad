using System.Xml.Linq;

namespace TlsPreflight.Api.Tests.Words;

/// <summary>Every .resx file of the backend exists in en, de, fr and nl, with the same keys and no empty sentence.</summary>
public sealed partial class ResourceFilesTests
{
    public static TheoryData<string> EnglishFiles => [.. EnglishResourceFiles()];

    [Fact]
    public void The_backend_has_resource_files_for_the_engine_the_sender_and_the_admin()
        => Assert.Equal(["AdminWords.resx", "EngineWords.resx", "SenderWords.resx"],
            EnglishResourceFiles().Select(Path.GetFileName).Order(StringComparer.Ordinal));

    private static IEnumerable<string> EnglishResourceFiles() => Directory
        .EnumerateFiles(Path.Combine(RepositoryRoot(), "backend"), "*.resx", SearchOption.AllDirectories)
        .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
        .Where(f => Path.GetFileName(f).Count(c => c == '.') == 1)
        .Select(f => Path.GetRelativePath(RepositoryRoot(), f));

    [Theory]
    [MemberData(nameof(EnglishFiles))]
    public void Every_key_exists_in_every_language(string englishFile)
    {
        var english = Read(Path.Combine(RepositoryRoot(), englishFile));
        Assert.All(english, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{englishFile}: '{pair.Key}' is empty"));
        foreach (var language in TestWords.Languages.Skip(1))
        {
            var path = Path.Combine(RepositoryRoot(), Path.ChangeExtension(englishFile, $".{language}.resx"));
            Assert.True(File.Exists(path), $"{path} is missing");
            var translated = Read(path);
            var missing = english.Keys.Except(translated.Keys, StringComparer.Ordinal).ToList();
            var extra = translated.Keys.Except(english.Keys, StringComparer.Ordinal).ToList();
            Assert.True(missing.Count == 0, $"{Path.GetFileName(path)} lacks: {string.Join(", ", missing)}");
            Assert.True(extra.Count == 0, $"{Path.GetFileName(path)} has keys English lacks: {string.Join(", ", extra)}");
            Assert.All(translated, pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{Path.GetFileName(path)}: '{pair.Key}' is empty"));
            // The same placeholders, so a translation cannot drop the domain or the reason.
            Assert.All(english, pair => Assert.Equal(Placeholders(pair.Value), Placeholders(translated[pair.Key])));
        }
    }

    [Fact]
    public void Every_word_the_admin_pages_ask_for_is_a_key_of_AdminWords()
    {
        var keys = Read(Path.Combine(RepositoryRoot(), "backend", "TlsPreflight.Api", "Words", "AdminWords.resx")).Keys.ToHashSet(StringComparer.Ordinal);
        var admin = Path.Combine(RepositoryRoot(), "backend", "TlsPreflight.Api", "Admin");
        var asked = Directory.EnumerateFiles(admin, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => WordsIndexer().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Expression: m.Groups["key"].Value)))
            .SelectMany(use => KeyLiteral().Matches(use.Expression).Select(k => (use.File, Key: k.Groups["key"].Value)))
            .ToList();

        Assert.True(asked.Count > 100, $"only {asked.Count} uses of Words[...] found: the pattern no longer fits the pages");
        var missing = asked.Where(use => !keys.Contains(use.Key)).Select(use => $"{use.File}: {use.Key}").Distinct().ToList();
        Assert.True(missing.Count == 0, "not in AdminWords.resx: " + string.Join(", ", missing));
    }

    // Words["key"], Words[cond ? "a" : "b", …] in the pages, words[…] in their models: the part before the first comma.
    [System.Text.RegularExpressions.GeneratedRegex(@"\b[Ww]ords\[(?<key>[^\],]+)")]
    private static partial System.Text.RegularExpressions.Regex WordsIndexer();

    [System.Text.RegularExpressions.GeneratedRegex("\"(?<key>[a-z]+(?:\\.[a-z-]+)+)\"")]
    private static partial System.Text.RegularExpressions.Regex KeyLiteral();

    private static string[] Placeholders(string text)
        => [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{\d+\}").Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    private static Dictionary<string, string> Read(string path)
        => XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Backend.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Backend.sln not found above " + AppContext.BaseDirectory);
    }
}
