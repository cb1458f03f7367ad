namespace TlsPreflight.TestLab.Https;

/// <summary>What the lab HTTPS server answers for `/.well-known/mta-sts.txt` on one host.</summary>
/// <param name="Location">Sent as the Location header (for redirect tests).</param>
/// <param name="Delay">Wait before answering (for timeout tests).</param>
public sealed record LabHttpResponse(
    int Status = 200,
    string Body = "",
    string ContentType = "text/plain",
    string? Location = null,
    TimeSpan Delay = default)
{
    /// <summary>A 200 text/plain MTA-STS policy (RFC 8461 §3.2) with CRLF line endings.</summary>
    public static LabHttpResponse Policy(string mode, int maxAgeSeconds, params string[] mxPatterns)
    {
        var lines = new List<string> { "version: STSv1", $"mode: {mode}" };
        lines.AddRange(mxPatterns.Select(p => $"mx: {p}"));
        lines.Add($"max_age: {maxAgeSeconds}");
        return new LabHttpResponse(Body: string.Join("\r\n", lines) + "\r\n");
    }
}
