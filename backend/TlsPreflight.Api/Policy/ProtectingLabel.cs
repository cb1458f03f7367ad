namespace TlsPreflight.Api.Policy;

/// <summary>A Microsoft Purview sensitivity label that encrypts the message content (Purview Message Encryption):
/// a message carrying it is safe over any transport, so every TLS rule allows it. The id is the label's GUID as
/// Outlook reports it (`item.sensitivityLabel.getAsync`, Mailbox 1.13); the name is what the sender reads.</summary>
public sealed record ProtectingLabel(Guid Id, string Name);
