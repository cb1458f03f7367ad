namespace TlsPreflight.Probing.Smtp;

/// <summary>The server broke the SMTP reply syntax or a read limit, or hung up mid-dialogue.
/// Internal to the probe: it becomes <see cref="Model.ProbeOutcome.ProtocolError"/>.</summary>
public sealed class SmtpProtocolException(string message) : Exception(message);
