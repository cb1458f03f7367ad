namespace TlsPreflight.Probing.MtaSts;

/// <summary>The outcome of one policy fetch: a policy, or why there is none.</summary>
/// <param name="Status">valid, fetch-error, webpki-invalid or policy-invalid (the MtaStsReport status names).</param>
public sealed record MtaStsFetchResult(string Status, MtaStsPolicy? Policy, string? Error)
{
    public static MtaStsFetchResult FetchError(string error) => new("fetch-error", null, error);
    public static MtaStsFetchResult Invalid(string error) => new("policy-invalid", null, error);

    /// <summary>The policy host's certificate failed PKIX validation (RFC 8460 §4.3.2.2 sts-webpki-invalid).</summary>
    public static MtaStsFetchResult WebPkiInvalid(string error) => new("webpki-invalid", null, error);
}
