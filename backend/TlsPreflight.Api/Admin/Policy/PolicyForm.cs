using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Admin.Policy;

/// <summary>The policy page's form: what the admin edits, turned into a <see cref="TenantPolicy"/> for the API's
/// validator, with its errors mapped back onto the form's fields.</summary>
public sealed class PolicyForm
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
    /// <summary>"Labels that protect content", one per line: the label's GUID, then its name.</summary>
    public string? ProtectingLabels { get; set; }

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
        ProtectingLabels = string.Join('\n', current.Policy.Labels.Select(l => $"{l.Id} {l.Name}")),
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
        new AuditSettings(StoreRecipientAddresses, RetentionDays),
        LabelLines().Select(ParseLabel).ToList());

    /// <summary>Puts each of PolicyValidator's errors on this form's field (<c>Form.ForcedTls[3].Pattern</c>: the row the
    /// admin typed, counting removed and blank rows), so each message shows next to its input.</summary>
    public IEnumerable<(string Field, string Message)> MapErrors(string prefix, PolicyFieldErrors errors)
    {
        var rows = KeptRows();
        var internalDomains = InternalDomainLines();
        var labelLines = LabelLines();
        foreach (var error in errors.All)
        {
            yield return Map(error);
        }

        (string, string) Map(PolicyFieldError error) => error switch
        {
            { Field: PolicyField.ForcedTlsRule or PolicyField.ForcedTlsPattern, Index: { } i } when i < rows.Count
                => ($"{prefix}.ForcedTls[{rows[i]}].Pattern", error.Message),
            { Field: PolicyField.ForcedTlsRequiredLevel, Index: { } i } when i < rows.Count
                => ($"{prefix}.ForcedTls[{rows[i]}].RequiredLevel", error.Message),
            { Field: PolicyField.ForcedTlsWhenUnknown, Index: { } i } when i < rows.Count
                => ($"{prefix}.ForcedTls[{rows[i]}].WhenUnknown", error.Message),
            { Field: PolicyField.InternalDomain, Index: { } i } when i < internalDomains.Count
                => ($"{prefix}.InternalDomains", $"'{internalDomains[i]}': {error.Message}"),
            { Field: PolicyField.DefaultRequiredLevel } => ($"{prefix}.DefaultLevel", error.Message),
            { Field: PolicyField.ForcedTls } => ($"{prefix}.ForcedTls", error.Message),
            { Field: PolicyField.InternalDomains } => ($"{prefix}.InternalDomains", error.Message),
            { Field: PolicyField.RetentionDays } => ($"{prefix}.RetentionDays", error.Message),
            { Field: PolicyField.ProtectingLabelId or PolicyField.ProtectingLabelName, Index: { } i }
                => ($"{prefix}.ProtectingLabels", i < labelLines.Count ? $"'{labelLines[i]}': {error.Message}" : error.Message),
            { Field: PolicyField.ProtectingLabels } => ($"{prefix}.ProtectingLabels", error.Message),
            _ => ("", error.Message),
        };
    }

    private List<int> KeptRows()
        => Enumerable.Range(0, ForcedTls.Count).Where(i => !ForcedTls[i].Remove && !ForcedTls[i].IsBlank).ToList();

    private List<string> InternalDomainLines()
        => (InternalDomains ?? "").Split(['\n', '\r', ',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private List<string> LabelLines()
        => (ProtectingLabels ?? "").Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary>"GUID name"; a line without a GUID becomes an empty id, which the validator names.</summary>
    private static ProtectingLabel ParseLabel(string line)
    {
        var space = line.IndexOfAny([' ', '\t']);
        var id = space < 0 ? line : line[..space];
        var name = space < 0 ? "" : line[(space + 1)..].Trim();
        return new ProtectingLabel(Guid.TryParse(id, out var guid) ? guid : Guid.Empty, name);
    }

}
