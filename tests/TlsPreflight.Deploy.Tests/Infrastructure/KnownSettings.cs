using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;

namespace TlsPreflight.Deploy.Tests.Infrastructure;

/// <summary>Whether an environment variable is one an app reads: a host variable ASP.NET itself reads, or
/// `Section__Key` resolving to a property of an options type (every type with a `SectionName` constant in the
/// app's assemblies), or a connection string the app names. A typo (`Probing__Remote__Urls`) is unknown.</summary>
public sealed class KnownSettings
{
    /// <summary>Read by the ASP.NET Core host or the OpenTelemetry SDK, not by our options.</summary>
    private static readonly HashSet<string> HostVariables = new(StringComparer.Ordinal)
    {
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
    };

    private readonly List<(string[] Path, Type Type)> sections;
    private readonly HashSet<string> connectionStrings;

    public KnownSettings(IEnumerable<Assembly> assemblies, IReadOnlyDictionary<string, Type>? extraSections = null, string? appSettingsJson = null)
    {
        sections = [.. assemblies.SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => (((string)x.Field!.GetRawConstantValue()!).Split(':'), x.Type))
            .Concat((extraSections ?? new Dictionary<string, Type>()).Select(e => (e.Key.Split(':'), e.Value)))
            .OrderByDescending(s => s.Item1.Length)];
        var named = appSettingsJson is null ? null : JsonNode.Parse(appSettingsJson)?["ConnectionStrings"]?.AsObject();
        connectionStrings = new HashSet<string>(named?.Select(p => p.Key) ?? [], StringComparer.OrdinalIgnoreCase);
    }

    public bool IsKnown(string variable)
    {
        if (HostVariables.Contains(variable))
        {
            return true;
        }

        var path = variable.Split("__");
        if (path[0].Equals("ConnectionStrings", StringComparison.OrdinalIgnoreCase))
        {
            return path.Length == 2 && connectionStrings.Contains(path[1]);
        }

        foreach (var (sectionPath, type) in sections)
        {
            if (path.Length > sectionPath.Length && sectionPath.Select((s, i) => s.Equals(path[i], StringComparison.OrdinalIgnoreCase)).All(x => x))
            {
                return Resolves(type, path[sectionPath.Length..]);
            }
        }

        return false;
    }

    private static bool Resolves(Type type, string[] rest)
    {
        if (rest.Length == 0)
        {
            return true;
        }

        var dictionary = type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        if (dictionary is not null)
        {
            return Resolves(dictionary.GetGenericArguments()[1], rest[1..]);
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments().Single();
            return int.TryParse(rest[0], out _) && Resolves(element, rest[1..]);
        }

        var property = type.GetProperty(rest[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null && (property.CanWrite || rest.Length > 1) && Resolves(property.PropertyType, rest[1..]);
    }
}
