using System.Text.RegularExpressions;
using TlsPreflight.Api.Tests.Words;

namespace TlsPreflight.Api.Tests.Unit;

/// <summary>The README's architecture lines name the rooms that hold each part; a room that moves or goes must take
/// its line along.</summary>
public sealed partial class ReadmeArchitectureTests
{
    [Fact]
    public void Every_room_and_file_the_architecture_lines_name_exists()
    {
        var root = ResourceFilesTests.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var start = readme.IndexOf("## Architecture", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var architecture = readme[start..end];
        var projects = Directory.GetDirectories(Path.Combine(root, "backend"), "TlsPreflight.*");

        var named = Backticked().Matches(architecture).Select(m => m.Groups["name"].Value)
            .Where(n => n.Contains('/', StringComparison.Ordinal) || n.StartsWith("TlsPreflight.", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var missing = named.Where(n => !Exists(root, projects, n)).ToList();

        Assert.True(named.Count > 20, $"only {named.Count} rooms named: the pattern no longer fits the README");
        Assert.True(missing.Count == 0, "README architecture names what the tree lacks: " + string.Join(", ", missing));
    }

    // `Api/Words/SenderWords` (project short name), `TlsPreflight.Prober`, `addin/src/...`, or a room of any project: `Smtp/`, `Verdict/VerdictRules`.
    private static bool Exists(string root, string[] projects, string name)
    {
        if (name.StartsWith("TlsPreflight.", StringComparison.Ordinal))
        {
            return Directory.Exists(Path.Combine(root, "backend", name));
        }

        if (File.Exists(Path.Combine(root, name)) || Directory.Exists(Path.Combine(root, name)))
        {
            return true;
        }

        var parts = name.TrimEnd('/').Split('/');
        var candidates = Directory.Exists(Path.Combine(root, "backend", "TlsPreflight." + parts[0]))
            ? [Path.Combine(root, "backend", "TlsPreflight." + parts[0], Path.Combine(parts[1..]))]
            : projects.Select(p => Path.Combine(p, Path.Combine(parts))).ToArray();
        return candidates.Any(c => Directory.Exists(c) || File.Exists(c + ".cs") || File.Exists(c + ".resx"));
    }

    [GeneratedRegex("`(?<name>[A-Za-z][A-Za-z0-9./_-]*)`")]
    private static partial Regex Backticked();
}
