using TlsPreflight.Probing.Json;
using TlsPreflight.Probing.Model;
using System.Globalization;
using System.Text;
using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Policy;

namespace TlsPreflight.Api.Audit;

/// <summary>The audit log as CSV (RFC 4180), one row per entry and recipient domain.</summary>
public static class AuditCsv
{
    /// <summary>What both downloads (the API's `/audit/export` and the admin page's) answer with.</summary>
    public const string ContentType = "text/csv; charset=utf-8";
    public const string FileName = "tlspreflight-audit.csv";

    /// <summary>The columns; later ones were added at the end, so a reader of the earlier ones keeps its positions.</summary>
    public const string Header = "id,time,sender,decision,policyVersion,domain,level,requiredLevel,action,domainDecision,internal,findings,recipients,"
        + "decidedBy,kind,checkedAt,allowedBy,ruleDecision,protectedByLabel,exceptionId";

    public static async Task WriteAsync(IAsyncEnumerable<AuditEntry> entries, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Header);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            foreach (var line in Rows(entry))
            {
                await writer.WriteLineAsync(line);
            }
        }
    }

    public static IEnumerable<string> Rows(AuditEntry entry)
    {
        var recipients = entry.Recipients == null ? "" : string.Join(' ', entry.Recipients);
        foreach (var domain in entry.Domains.DefaultIfEmpty())
        {
            yield return string.Join(',', new[]
            {
                entry.Id.ToString(CultureInfo.InvariantCulture),
                entry.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                entry.Sender,
                PolicyActionText.Name(entry.Decision),
                entry.PolicyVersion.ToString(CultureInfo.InvariantCulture),
                domain?.Domain ?? "",
                domain?.Level is { } level ? LevelText.Name(level) : "",
                domain?.RequiredLevel is { } required ? LevelText.Name(required) : "",
                domain == null ? "" : PolicyActionText.Name(domain.Action),
                domain == null ? "" : PolicyActionText.Name(domain.Decision),
                domain?.Internal == true ? "true" : "false",
                domain == null ? "" : string.Join(' ', domain.Findings),
                recipients,
                KebabCase.Name(entry.DecidedBy),
                KebabCase.Name(entry.Kind),
                domain?.CheckedAt is { } checkedAt ? checkedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "",
                domain?.AllowedBy is { } allowedBy ? KebabCase.Name(allowedBy) : "",
                domain?.RuleDecision is { } ruleDecision ? PolicyActionText.Name(ruleDecision) : "",
                entry.ProtectedByLabel ?? "",
                entry.ExceptionId?.ToString() ?? "",
            }.Select(Field));
        }
    }

    /// <summary>Quotes per RFC 4180 §2, and defuses spreadsheet formulas (a sender could be "=cmd|...").</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
