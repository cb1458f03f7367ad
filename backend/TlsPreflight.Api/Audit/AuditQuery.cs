using System.Globalization;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Audit;

/// <summary>The audit endpoints' query string, parsed with an error per bad field.</summary>
public static class AuditQuery
{
    public const int MaxPageSize = 200;

    public static bool TryParse(IQueryCollection query, out AuditFilter filter, out int page, out int pageSize, out Dictionary<string, string[]> errors)
    {
        var found = new Dictionary<string, string[]>();
        filter = new AuditFilter(
            Time(query, "from", found),
            Time(query, "to", found),
            Decision(query["decision"], found),
            Domain(query["domain"], found),
            NullIfEmpty(query["sender"])?.Trim().ToLowerInvariant());
        page = Number(query, "page", 1, 1, int.MaxValue / MaxPageSize, found);
        pageSize = Number(query, "pageSize", 50, 1, MaxPageSize, found);
        errors = found;
        return errors.Count == 0;
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        var text = NullIfEmpty(query[name]);
        if (text == null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors[name] = ["An ISO 8601 date or time, e.g. 2026-11-28T00:00:00Z."];
        return null;
    }

    private static PolicyAction? Decision(string? text, Dictionary<string, string[]> errors)
    {
        switch (NullIfEmpty(text))
        {
            case null: return null;
            case "allow": return PolicyAction.Allow;
            case "warn": return PolicyAction.Warn;
            case "block": return PolicyAction.Block;
            default:
                errors["decision"] = ["One of allow, warn, block."];
                return null;
        }
    }

    private static string? Domain(string? text, Dictionary<string, string[]> errors)
    {
        if (NullIfEmpty(text) == null)
        {
            return null;
        }

        if (DomainName.TryNormalizeDomain(text, out var domain, out _))
        {
            return domain;
        }

        errors["domain"] = ["A domain name, e.g. partner.com."];
        return null;
    }

    private static int Number(IQueryCollection query, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        var text = NullIfEmpty(query[name]);
        if (text == null)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors[name] = [$"A whole number from {min} to {max}."];
        return fallback;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
