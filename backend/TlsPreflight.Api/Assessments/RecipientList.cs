using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Assessments;

/// <summary>One recipient: the normalised domain, and the address when one was given.</summary>
public sealed record Recipient(string Domain, string? Address);

/// <summary>An entry of the request that is not an address or domain: it comes back as its own result
/// (finding `invalid-recipient`), so one bad entry never hides the decision for the others.</summary>
public sealed record InvalidRecipient(int Index, string Entry, string Error)
{
    /// <summary>How much of a bad entry is echoed back (and audited).</summary>
    public const int MaxEchoLength = 100;

    /// <summary>The entry as the caller sent it, cut to <see cref="MaxEchoLength"/>.</summary>
    public string Echo => Entry.Length <= MaxEchoLength ? Entry : Entry[..(MaxEchoLength - 1)] + "…";
}

/// <summary>Turns the request's recipients (addresses or domains) into domains. The rules for one entry are the
/// table tests/cases/recipients.json, which the add-in's <c>domainOfAddress</c> is tested against as well.</summary>
public static class RecipientList
{
    /// <summary>RFC 5321 §4.5.3.1: 64-octet local part + "@" + 255-octet domain, rounded as mail clients do.</summary>
    public const int MaxEntryLength = 320;

    /// <summary>False (with errors) only when the list itself is wrong: empty, too long, or without one valid entry.</summary>
    public static bool TryParse(IReadOnlyList<string> input, int maxRecipients, out List<Recipient> recipients,
        out List<InvalidRecipient> invalid, out Dictionary<string, string[]> errors)
    {
        recipients = [];
        invalid = [];
        errors = [];
        if (input.Count == 0)
        {
            errors["recipients"] = ["At least one recipient."];
            return false;
        }

        if (input.Count > maxRecipients)
        {
            errors["recipients"] = [$"At most {maxRecipients} recipients per request."];
            return false;
        }

        for (var i = 0; i < input.Count; i++)
        {
            var entry = input[i]?.Trim() ?? "";
            if (TryRead(entry, out var recipient, out var error))
            {
                recipients.Add(recipient);
            }
            else
            {
                invalid.Add(new InvalidRecipient(i, entry, error));
            }
        }

        if (recipients.Count == 0)
        {
            errors = invalid.ToDictionary(e => $"recipients[{e.Index}]", e => new[] { e.Error });
            return false;
        }

        return true;
    }

    /// <summary>One entry: an address (its domain is taken) or a domain.</summary>
    public static bool TryRead(string entry, out Recipient recipient, out string error)
    {
        recipient = null!;
        if (entry.StartsWith('@') || entry.Length > MaxEntryLength)
        {
            error = "Not an e-mail address or domain.";
            return false;
        }

        if (!DomainName.TryNormalizeRecipient(entry, out var domain, out var address, out error))
        {
            return false;
        }

        recipient = new Recipient(domain, address);
        return true;
    }
}
