using System.Globalization;
using System.Reflection;
using System.Xml.Linq;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Words;

namespace TlsPreflight.Probing.Tests.Words;

public sealed class EngineWordsTests
{
    private static readonly string[] Languages = ["en", "de", "fr", "nl"];

    private static readonly EngineWords Words = EngineWords.Create();

    /// <summary>Every code in <see cref="FindingCodes"/>, so a code added without sentences fails here.</summary>
    public static TheoryData<string, string> CodesInEveryLanguage => [.. typeof(FindingCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .SelectMany(code => Languages.Select(language => (code, language)))];

    public static TheoryData<SecurityLevel, string> LevelsInEveryLanguage => [.. Enum.GetValues<SecurityLevel>()
        .SelectMany(level => Languages.Select(language => (level, language)))];

    [Theory]
    [MemberData(nameof(CodesInEveryLanguage))]
    public void Every_finding_code_has_a_sentence_in_every_language(string code, string language)
    {
        var file = ResourceFile(language);
        Assert.True(file.TryGetValue(EngineWords.FindingKey(code), out var written) && written.Length > 0,
            $"{Path.GetFileName(FilePath(language))} has no sentence for '{code}'");

        var sentence = InCulture(language, () => Words.Finding(code));

        Assert.Equal(written, sentence);
        Assert.Matches(@"[.!]$", sentence);
    }

    [Theory]
    [MemberData(nameof(LevelsInEveryLanguage))]
    public void Every_level_has_a_meaning_in_every_language(SecurityLevel level, string language)
    {
        Assert.True(ResourceFile(language).ContainsKey(EngineWords.LevelKey(level)), $"{language}: no meaning for {level}");

        var meaning = InCulture(language, () => Words.LevelMeaning(level));

        Assert.Equal(ResourceFile(language)[EngineWords.LevelKey(level)], meaning);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("fr")]
    [InlineData("nl")]
    public void Each_translation_has_exactly_the_keys_of_the_english_file(string language)
        => Assert.Equal(ResourceFile("en").Keys.Order(StringComparer.Ordinal), ResourceFile(language).Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void A_german_culture_reads_german_and_an_unsupported_one_reads_english()
    {
        Assert.Equal("Das Zertifikat des Mailservers ist abgelaufen.", InCulture("de-DE", () => Words.Finding(FindingCodes.CertificateExpired)));
        Assert.Equal("The mail server's certificate has expired.", InCulture("ja-JP", () => Words.Finding(FindingCodes.CertificateExpired)));
    }

    [Fact]
    public void Describe_appends_the_detail_in_parentheses()
    {
        Assert.Equal("The mail server's certificate has expired. (valid to 2020-01-01)",
            InCulture("en", () => Words.Describe(new Finding(FindingCodes.CertificateExpired, "mx.example.com", "valid to 2020-01-01"))));
        Assert.Equal(InCulture("en", () => Words.Finding(FindingCodes.NullMx)), InCulture("en", () => Words.Describe(new Finding(FindingCodes.NullMx))));
    }

    [Fact]
    public void An_unknown_code_is_shown_as_itself()
        => Assert.Equal("something-new", Words.Finding("something-new"));

    private static T InCulture<T>(string name, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static string FilePath(string language)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Backend.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var name = language == "en" ? "EngineWords.resx" : $"EngineWords.{language}.resx";
        return Path.Combine(directory.FullName, "backend", "TlsPreflight.Probing", "Words", name);
    }

    private static Dictionary<string, string> ResourceFile(string language)
        => XDocument.Load(FilePath(language)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
}
