namespace TlsPreflight.Api.Hosting;

/// <summary>`Addin`: where the built add-in lives (the add-in build writes addin/dist) and its launch-event script.</summary>
public sealed class AddinHostingOptions
{
    public const string SectionName = "Addin";

    /// <summary>Relative to the content root (the repo root under `npm start`).</summary>
    public string DistPath { get; set; } = "addin/dist";

    /// <summary>The launch-event handler file under /addin/, listed in microsoft-officeaddins-allowed.json.</summary>
    public string LaunchEventScript { get; set; } = "launchevent.js";

    /// <summary>The add-in's public origin (e.g. https://addin.contoso.com); empty: the request's own origin.</summary>
    public string PublicOrigin { get; set; } = "";
}
