namespace TlsPreflight.Api.Words;

/// <summary>Outlook's limits on what a sender reads (platform notes): notification ≤ 150, Smart Alerts dialog ≤ 500.</summary>
public static class FitText
{
    public const int NotificationLimit = 150;
    public const int DialogLimit = 500;

    /// <summary>Cuts at a word boundary and marks the cut, so a limit never breaks a word or Outlook's API call.</summary>
    public static string Fit(string text, int limit)
    {
        var clean = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length <= limit)
        {
            return clean;
        }

        var cut = clean[..(limit - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > limit / 2 ? cut[..space] : cut).TrimEnd(' ', ',', '.', ';', ':') + "…";
    }
}
