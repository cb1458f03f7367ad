namespace TlsPreflight.Prober.Keys;

/// <summary>`Prober`: who may call, and how much one call may ask.</summary>
public sealed class ProberOptions
{
    public const string SectionName = "Prober";

    /// <summary>Accepted keys (`Prober:Keys:0`, `Prober:Keys:1`, …). Several at once allow rotation: add the new key,
    /// move the API to it, remove the old one. Empty: the prober refuses to start.</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>Domains per call; the API sends one per domain or one per routed group.</summary>
    public int MaxDomainsPerBatch { get; set; } = 50;

    /// <summary>Bytes per request body.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;
}
