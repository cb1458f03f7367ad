using System.Text.Json;
using System.Text.Json.Serialization;

namespace TlsPreflight.Bench.EngineTiming;

/// <summary>The parts of the TestLab's lab.json the timer needs (written by `serve --scenario bench`).</summary>
internal sealed record LabDescription(
    string DnsServer,
    int SmtpPort,
    int HttpsPort,
    string CaFile,
    bool TrustResolverDnssec,
    bool AllowPrivateNetworks,
    BenchDomains? Bench)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static LabDescription Read(string path)
        => JsonSerializer.Deserialize<LabDescription>(File.ReadAllText(path), Json)
           ?? throw new InvalidDataException($"{path} is empty");
}

internal sealed record BenchDomains(
    [property: JsonPropertyName("domains")] Dictionary<string, string> Domains,
    [property: JsonPropertyName("mxHosts")] Dictionary<string, string> MxHosts);
