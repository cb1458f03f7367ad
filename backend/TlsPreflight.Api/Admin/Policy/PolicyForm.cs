using System.Text.RegularExpressions;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Admin.Policy;

/// <summary>The policy page's form: what the admin edits, turned into a <see cref="TenantPolicy"/> for the API's
/// validator, with its errors mapped back onto the form's fields.</summary>
public sealed partial class PolicyForm
{
    /// <summary>The version the admin started from: the save is refused if another one was saved meanwhile.</summary>
    public int Version { get; set; }
    public SecurityLevel DefaultLevel { get; set; } = SecurityLevel.Encrypted;
    public PolicyAction DefaultAction { get; set; } = PolicyAction.Warn;
    public List<ForcedTlsRow> ForcedTls { get; set; } = [];
    /// <summary>The manual internal domains, one per line (commas and spaces also separate).</summary>
    public string? InternalDomains { get; set; }
    public FailMode FailMode { get; set; }
    public bool StoreRecipientAddresses { get; set; }
    public int RetentionDays { get; set; } = 90;

    public static PolicyForm From(PolicyVersion current) => new()
    {
        Version = current.Version,
        DefaultLevel = current.Policy.DefaultRule.RequiredLevel,
        DefaultAction = current.Policy.DefaultRule.Action,
        ForcedTls = current.Policy.ForcedTls
            .Select(r => new ForcedTlsRow { Pattern = r.Pattern, RequiredLevel = r.RequiredLevel, Action = r.Action, WhenUnknown = r.WhenUnknown })
            .ToList(),
        InternalDomains = string.Join('\n', current.Policy.InternalDomains),
        FailMode = current.Policy.FailMode,
        StoreRecipientAddresses = current.Policy.Audit.StoreRecipientAddresses,
        RetentionDays = current.Policy.Audit.RetentionDays,
    };

    /// <summary>Adds blank rows so the table always offers an empty line to add a domain.</summary>
    public void EnsureBlankRows(int count)
    {
        var blanks = ForcedTls.Count(r => r.IsBlank && !r.Remove);
        for (var i = blanks; i < count; i++)
        {
            ForcedTls.Add(new ForcedTlsRow());
        }
    }

    /// <summary>Removed and blank rows are dropped; the validator then checks everything else.</summary>
    public TenantPolicy ToPolicy() => new(
        FailMode,
        new PolicyRule(DefaultLevel, DefaultAction),
        KeptRows().Select(i => new ForcedTlsRule(ForcedTls[i].Pattern!.Trim(), ForcedTls[i].RequiredLevel, ForcedTls[i].Action, ForcedTls[i].WhenUnknown)).ToList(),
        InternalDomainLines(),
        new AuditSettings(StoreRecipientAddresses, RetentionDays));

    /// <summary>Maps PolicyValidator's field names (API shape, e.g. <c>forcedTls[0].pattern</c>) to this form's
    /// field names (<c>Form.ForcedTls[3].Pattern</c>), so each message shows next to its input.</summary>
    public IEnumerable<(string Field, string Message)> MapErrors(string prefix, IReadOnlyDictionary<string, string[]> errors)
    {
        var rows = KeptRows();
        var internalDomains = InternalDomainLines();
        foreach (var (key, messages) in errors)
        {
            foreach (var message in messages)
            {
                yield return Map(key, message);
            }
        }

        (string, string) Map(string key, string message)
        {
            var indexed = IndexedField().Match(key);
            if (indexed.Success)
            {
                var index = int.Parse(indexed.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var rest = indexed.Groups["rest"].Value;
                if (indexed.Groups["list"].Value == "forcedTls" && index < rows.Count)
                {
                    var field = rest switch { ".requiredLevel" => "RequiredLevel", ".whenUnknown" => "WhenUnknown", _ => "Pattern" };
                    return ($"{prefix}.ForcedTls[{rows[index]}].{field}", message);
                }

                if (indexed.Groups["list"].Value == "internalDomains" && index < internalDomains.Count)
                {
                    return ($"{prefix}.InternalDomains", $"'{internalDomains[index]}': {message}");
                }
            }

            return key switch
            {
                "defaultRule.requiredLevel" => ($"{prefix}.DefaultLevel", message),
                "forcedTls" => ($"{prefix}.ForcedTls", message),
                "internalDomains" => ($"{prefix}.InternalDomains", message),
                "audit.retentionDays" => ($"{prefix}.RetentionDays", message),
                _ => ("", message),
            };
        }
    }

    private List<int> KeptRows()
        => Enumerable.Range(0, ForcedTls.Count).Where(i => !ForcedTls[i].Remove && !ForcedTls[i].IsBlank).ToList();

    private List<string> InternalDomainLines()
        => (InternalDomains ?? "").Split(['\n', '\r', ',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    [GeneratedRegex(@"^(?<list>forcedTls|internalDomains)\[(?<index>\d+)\](?<rest>.*)$")]
    private static partial Regex IndexedField();
}
