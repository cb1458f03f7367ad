using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace TlsPreflight.Deploy.Tests.Infrastructure;

/// <summary>deploy/compose.yaml read with a real YAML parser (anchors and aliases resolved).</summary>
public sealed partial class ComposeFile
{
    private readonly YamlMappingNode services;

    public ComposeFile(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents.Single().RootNode;
        services = (YamlMappingNode)root.Children[new YamlScalarNode("services")];
    }

    public IEnumerable<string> ServiceNames => services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    /// <summary>The Dockerfile a service is built from, or null for a stock image.</summary>
    public string? DockerfileOf(string service)
        => Service(service).Children.TryGetValue(new YamlScalarNode("build"), out var build) && build is YamlMappingNode b
            ? ((YamlScalarNode)b.Children[new YamlScalarNode("dockerfile")]).Value
            : null;

    /// <summary>The service's `environment`, as written (mapping or list of NAME=value).</summary>
    public IReadOnlyDictionary<string, string> EnvironmentOf(string service)
    {
        if (!Service(service).Children.TryGetValue(new YamlScalarNode("environment"), out var node))
        {
            return new Dictionary<string, string>();
        }

        return node switch
        {
            YamlMappingNode map => map.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? ""),
            YamlSequenceNode list => list.Children.Select(i => ((YamlScalarNode)i).Value!.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : ""),
            _ => throw new InvalidDataException($"{service}: environment is neither a mapping nor a list"),
        };
    }

    /// <summary>Compose interpolation of `${VAR}`, `${VAR:-default}`, `${VAR:?message}` from the given .env values.</summary>
    public static string Interpolate(string value, IReadOnlyDictionary<string, string> env)
        => Variable().Replace(value, m =>
        {
            var name = m.Groups["name"].Value;
            var set = env.TryGetValue(name, out var v) && v.Length > 0;
            return m.Groups["op"].Value switch
            {
                ":-" => set ? v! : m.Groups["arg"].Value,
                ":?" => set ? v! : throw new InvalidOperationException($"{name} is required: {m.Groups["arg"].Value}"),
                _ => v ?? "",
            };
        });

    private YamlMappingNode Service(string name) => (YamlMappingNode)services.Children[new YamlScalarNode(name)];

    [GeneratedRegex(@"\$\{(?<name>[A-Z0-9_]+)(?:(?<op>:-|:\?)(?<arg>[^}]*))?\}")]
    private static partial Regex Variable();
}
