using TlsPreflight.Probing.Names;

namespace TlsPreflight.Api.Assessments;

/// <summary>One recipient: the normalised domain, and the address when one was given.</summary>
public sealed record Recipient(string Domain, string? Address);

/// <summary>Turns the request's recipients (addresses or domains) into domains, with an error per bad entry.</summary>
public static class RecipientList
{
    public static bool TryParse(IReadOnlyList<string> input, int maxRecipients, out List<Recipient> recipients, out Dictionary<string, string[]> errors)
    {
        recipients = [];
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
            var at = entry.LastIndexOf('@');
            if (at == 0 || entry.Length > 320)
            {
                errors[$"recipients[{i}]"] = ["Not an e-mail address or domain."];
                continue;
            }

            if (!DomainName.TryNormalize(entry, out var domain, out var error))
            {
                errors[$"recipients[{i}]"] = [error];
                continue;
            }

            recipients.Add(new Recipient(domain, at > 0 ? entry[..at] + "@" + domain : null));
        }

        return errors.Count == 0;
    }
}
