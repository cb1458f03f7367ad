namespace TlsPreflight.Deploy.Tests.Infrastructure;

public static class Repository
{
    /// <summary>The clone's root: the folder above the test binaries that holds Backend.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathTo(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Backend.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Backend.sln not found above " + AppContext.BaseDirectory);
    }
}
