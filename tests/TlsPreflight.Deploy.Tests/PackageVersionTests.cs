using System.Xml.Linq;
using TlsPreflight.Deploy.Tests.Infrastructure;

namespace TlsPreflight.Deploy.Tests;

public sealed class PackageVersionTests
{
    [Fact]
    public void Every_package_version_is_one_some_project_references()
    {
        var versions = Includes(Repository.PathTo("Directory.Packages.props"), "PackageVersion");
        var referenced = Directory.EnumerateFiles(Repository.Root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Includes(f, "PackageReference").Concat(Includes(f, "GlobalPackageReference")))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var unused = versions.Where(v => !referenced.Contains(v)).ToList();

        Assert.Empty(unused);
    }

    [Fact]
    public void The_references_are_read_from_every_project_including_tests_bench_and_prober()
    {
        var projects = Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .ToList();

        Assert.Contains("TlsPreflight.Deploy.Tests", projects);
        Assert.Contains("EngineTiming", projects);
        Assert.Contains("TlsPreflight.Prober", projects);
        Assert.Contains("xunit.v3", Includes(Repository.PathTo("tests/TlsPreflight.Deploy.Tests/TlsPreflight.Deploy.Tests.csproj"), "PackageReference"));
    }

    private static IEnumerable<string> Includes(string file, string element) =>
        XDocument.Load(file).Descendants(element)
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .ToList();
}
