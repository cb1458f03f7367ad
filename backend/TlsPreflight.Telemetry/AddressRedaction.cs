using System.Diagnostics;
using System.Text.RegularExpressions;
using OpenTelemetry;

namespace TlsPreflight.Telemetry;

/// <summary>The last guard before export: a span attribute or name holding something shaped like an address
/// (`local@domain`, e.g. in a request path) keeps only the domain part. The engine and the API tag domains only;
/// this catches what instrumentation copies from requests.</summary>
public sealed partial class AddressRedaction : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        if (data.DisplayName.Contains('@', StringComparison.Ordinal))
            data.DisplayName = Redact(data.DisplayName);
        List<KeyValuePair<string, string>>? redacted = null;
        foreach (var (key, value) in data.TagObjects)
        {
            if (value is string text && text.Contains('@', StringComparison.Ordinal))
                (redacted ??= []).Add(new(key, Redact(text)));
        }
        foreach (var (key, value) in redacted ?? [])
            data.SetTag(key, value);
    }

    /// <summary>`/api/v1/domains/someone@contoso.com` → `/api/v1/domains/contoso.com`; a lone `@` goes too.</summary>
    public static string Redact(string text) => LocalPart().Replace(text, "").Replace("@", "", StringComparison.Ordinal);

    [GeneratedRegex(@"[^\s/?&=#;,:""'<>()\[\]@]*@")]
    private static partial Regex LocalPart();
}
