namespace TlsPreflight.Probing.Smtp;

/// <summary>One SMTP reply (RFC 5321 §4.2): a three-digit code and its text lines (code and separator removed).</summary>
public sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public bool IsPositive => Code is >= 200 and < 400;
    public bool IsTransientFailure => Code is >= 400 and < 500;
    public bool IsPermanentFailure => Code is >= 500 and < 600;

    /// <summary>The code and first line, cut short, for error messages.</summary>
    public override string ToString()
    {
        var text = Lines.Count > 0 ? Lines[0] : "";
        return $"{Code} {(text.Length > 120 ? text[..120] + "…" : text)}";
    }
}
