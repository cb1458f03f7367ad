using System.Text;
using TlsPreflight.Api.Decisions;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Words;

/// <summary>The Smart Alerts dialog text: plain, at most 500 characters (the dialog's limit), naming the weak domains.</summary>
public static class DecisionMessage
{
    public const int MaxLength = FitText.DialogLimit;

    public static string Compose(PolicyAction decision, IReadOnlyList<DomainDecision> domains, SenderWords words)
    {
        if (decision == PolicyAction.Allow)
        {
            return "";
        }

        var weak = domains.Where(d => d.Decision != PolicyAction.Allow)
            .OrderByDescending(d => d.Decision)
            .ToList();
        var block = decision == PolicyAction.Block;
        var text = new StringBuilder(words.Phrase(block ? "dialog.block.head" : "dialog.warn.head")).Append(' ');
        var closing = " " + words.Phrase(block ? "dialog.block.tail" : "dialog.warn.tail");
        for (var i = 0; i < weak.Count; i++)
        {
            var sentence = Sentence(weak[i], words) + " ";
            var more = weak.Count - i - 1;
            var tail = more > 0 ? More(more, words) : "";
            if (text.Length + sentence.Length + tail.Length + closing.Length > MaxLength)
            {
                text.Append(More(weak.Count - i, words));
                break;
            }

            text.Append(sentence);
        }

        var message = text.ToString().TrimEnd() + closing;
        return message.Length <= MaxLength ? message : message[..(MaxLength - 1)] + "…";
    }

    private static string More(int count, SenderWords words)
        => count == 1 ? words.Phrase("dialog.more.one") : words.Phrase("dialog.more.many", count);

    private static string Sentence(DomainDecision domain, SenderWords words) => domain.Level == SecurityLevel.Unknown
        ? words.Phrase("dialog.unknown", domain.Domain, domain.Reason)
        : words.Phrase("dialog.weak", domain.Domain, words.LevelInSentence(domain.RequiredLevel ?? SecurityLevel.Unknown),
            words.LevelInSentence(domain.Level ?? SecurityLevel.Unknown), domain.Reason);
}
