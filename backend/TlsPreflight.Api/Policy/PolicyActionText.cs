namespace TlsPreflight.Api.Policy;

/// <summary>Action names as serialised (lower-case: allow, warn, block), shared by the audit CSV and the admin page.</summary>
public static class PolicyActionText
{
    public static string Name(PolicyAction action) => Probing.Json.KebabCase.Name(action);
}
