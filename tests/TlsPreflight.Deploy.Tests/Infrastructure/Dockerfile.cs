using System.Text.RegularExpressions;

namespace TlsPreflight.Deploy.Tests.Infrastructure;

/// <summary>The instructions of a Dockerfile, with line continuations joined, by stage.</summary>
public sealed partial class Dockerfile(string path)
{
    private readonly List<(string Stage, string Instruction)> instructions = Parse(File.ReadAllLines(path));

    /// <summary>The `RUN dotnet …` commands of a stage, as written.</summary>
    public IReadOnlyList<string> DotnetCommands(string stage)
        => [.. instructions.Where(i => i.Stage == stage && i.Instruction.StartsWith("RUN dotnet ", StringComparison.Ordinal)).Select(i => i.Instruction[4..])];

    /// <summary>The source of `COPY --from=stage SOURCE DEST` lines.</summary>
    public IReadOnlyList<string> CopiedFrom(string fromStage)
        => [.. instructions.Select(i => CopyFrom().Match(i.Instruction)).Where(m => m.Success && m.Groups[1].Value == fromStage).Select(m => m.Groups[2].Value)];

    public IReadOnlyList<string> Stages => [.. instructions.Select(i => i.Stage).Distinct()];

    private static List<(string, string)> Parse(string[] lines)
    {
        var result = new List<(string, string)>();
        var stage = "";
        var current = "";
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (current.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            current += (current.Length > 0 ? " " : "") + line.TrimEnd('\\').Trim();
            if (line.EndsWith('\\'))
            {
                continue;
            }

            if (FromLine().Match(current) is { Success: true } from)
            {
                stage = from.Groups[1].Value;
            }

            result.Add((stage, current));
            current = "";
        }

        return result;
    }

    [GeneratedRegex(@"^FROM\s+\S+\s+AS\s+(\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^COPY\s+--from=(\S+)\s+(\S+)\s+\S+$")]
    private static partial Regex CopyFrom();
}
