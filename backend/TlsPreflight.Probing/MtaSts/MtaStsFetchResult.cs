using TlsPreflight.Probing.Model;

namespace TlsPreflight.Probing.MtaSts;

/// <summary>The outcome of one policy fetch: a policy, or why there is none.</summary>
/// <param name="Status">Valid, FetchError, WebpkiInvalid or PolicyInvalid.</param>
public sealed record MtaStsFetchResult(MtaStsStatus Status, MtaStsPolicy? Policy, string? Error)
{
    public static MtaStsFetchResult FetchError(string error) => new(MtaStsStatus.FetchError, null, error);
    public static MtaStsFetchResult Invalid(string error) => new(MtaStsStatus.PolicyInvalid, null, error);

    /// <summary>The policy host's certificate failed PKIX validation (RFC 8460 §4.3.2.2 sts-webpki-invalid).</summary>
    public static MtaStsFetchResult WebPkiInvalid(string error) => new(MtaStsStatus.WebpkiInvalid, null, error);
}
