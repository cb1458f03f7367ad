using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Words;

/// <summary>One sentence on how the whole message will travel: the task pane's summary and, prefixed with the
/// product's name and within 150 characters, the notification bar on the message.</summary>
public static class MessageSummary
{
    private const int ListedDomains = 3;

    public static string Summary(IReadOnlyList<DomainDecision> domains, SenderWords words)
    {
        var external = domains.Where(d => !d.Internal).ToList();
        if (external.Count == 0)
        {
            return words.Phrase("summary.internal-only");
        }

        var weak = domains.Where(d => d.Decision != PolicyAction.Allow)
            .OrderByDescending(d => d.Decision).ThenBy(d => d.Domain, StringComparer.Ordinal).ToList();
        var blocked = weak.Where(d => d.Decision == PolicyAction.Block).ToList();
        if (blocked.Count > 0)
        {
            return words.Phrase(blocked.Count == 1 ? "summary.blocked.one" : "summary.blocked.many", List(blocked, words));
        }

        if (weak.Count > 0)
        {
            return words.Phrase("summary.weak", List(weak, words));
        }

        // Allowed, yet mail may travel in clear or unchecked: the sender should still know.
        var exposed = external.Where(d => d.Level < SecurityLevel.Encrypted).ToList();
        if (exposed.Count > 0)
        {
            return words.Phrase("summary.exposed", List(exposed, words));
        }

        return external.Count == 1
            ? words.Phrase("summary.encrypted.one", external[0].Domain)
            : words.Phrase("summary.encrypted.all", external.Count);
    }

    public static string Notification(string summary, SenderWords words)
        => FitText.Fit(words.Phrase("notification.prefix") + " " + summary, FitText.NotificationLimit);

    private static string List(IReadOnlyList<DomainDecision> domains, SenderWords words)
    {
        var shown = string.Join(", ", domains.Take(ListedDomains).Select(d => $"{d.Domain} ({words.LevelInSentence(d.Level)})"));
        var more = domains.Count - ListedDomains;
        return more > 0 ? words.Phrase("summary.list.more", shown, more) : shown;
    }
}
