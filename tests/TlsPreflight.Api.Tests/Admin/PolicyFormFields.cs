using System.Globalization;

namespace TlsPreflight.Api.Tests.Admin;

/// <summary>The policy page's form fields as the browser posts them.</summary>
public static class PolicyFormFields
{
    public static Dictionary<string, string> Build(
        int version,
        IReadOnlyList<(string Pattern, string Level, string Action)>? forcedTls = null,
        string defaultLevel = "Encrypted",
        string defaultAction = "Warn",
        string failMode = "Open",
        string internalDomains = "",
        string retentionDays = "90")
    {
        var fields = new Dictionary<string, string>
        {
            ["Form.Version"] = version.ToString(CultureInfo.InvariantCulture),
            ["Form.DefaultLevel"] = defaultLevel,
            ["Form.DefaultAction"] = defaultAction,
            ["Form.InternalDomains"] = internalDomains,
            ["Form.FailMode"] = failMode,
            ["Form.StoreRecipientAddresses"] = "false",
            ["Form.RetentionDays"] = retentionDays,
        };
        var rules = forcedTls ?? [];
        for (var i = 0; i < rules.Count; i++)
        {
            fields[$"Form.ForcedTls[{i}].Pattern"] = rules[i].Pattern;
            fields[$"Form.ForcedTls[{i}].RequiredLevel"] = rules[i].Level;
            fields[$"Form.ForcedTls[{i}].Action"] = rules[i].Action;
        }

        return fields;
    }
}
