using System.Text;
using TlsPreflight.Api.Policy;
using TlsPreflight.Probing.Model;

namespace TlsPreflight.Api.Decisions;

/// <summary>The sender-facing text: plain, at most 500 characters (the Smart Alerts dialog limit), naming the weak domains.</summary>
public static class DecisionMessage
{
    public const int MaxLength = 500;

    public static string Compose(PolicyAction decision, IReadOnlyList<DomainDecision> domains, IReadOnlyList<ProtectingLabel>? labels = null)
    {
        if (decision == PolicyAction.Allow)
        {
            return "";
        }

        var weak = domains.Where(d => d.Decision != PolicyAction.Allow)
            .OrderByDescending(d => d.Decision)
            .ToList();
        var text = new StringBuilder(decision == PolicyAction.Block ? "Forced TLS: " : "TLS warning: ");
        var closing = (decision == PolicyAction.Block ? " The message was not sent." : " You can send anyway.") + WaysForwardSentence(decision, weak, labels ?? []);
        for (var i = 0; i < weak.Count; i++)
        {
            var sentence = Sentence(weak[i]) + " ";
            var more = weak.Count - i - 1;
            var tail = more > 0 ? $"…and {more} more domain{(more == 1 ? "" : "s")}." : "";
            if (text.Length + sentence.Length + tail.Length + closing.Length > MaxLength)
            {
                text.Append($"…and {weak.Count - i} more domain{(weak.Count - i == 1 ? "" : "s")}.");
                break;
            }

            text.Append(sentence);
        }

        var message = text.ToString().TrimEnd() + closing;
        return message.Length <= MaxLength ? message : message[..(MaxLength - 1)] + "…";
    }

    /// <summary>The ways forward that apply (issue 14 §4): the tenant's protecting label, an exception for a blocked
    /// domain that is not already requested, removing the recipient. The cancel button opens the task pane that offers them.</summary>
    private static string WaysForwardSentence(PolicyAction decision, IReadOnlyList<DomainDecision> weak, IReadOnlyList<ProtectingLabel> labels)
    {
        var ways = new List<string>();
        if (labels.Count > 0)
        {
            var name = labels[0].Name.Length <= 40 ? labels[0].Name : labels[0].Name[..39] + "…";
            ways.Add($"encrypt it with \"{name}\"");
        }

        if (decision == PolicyAction.Block && weak.Any(d => d.Decision == PolicyAction.Block && d.ExceptionRequest?.Status != Exceptions.ExceptionStatus.Pending))
        {
            ways.Add("request an exception");
        }

        ways.Add(weak.Count == 1 ? "remove the recipient" : "remove those recipients");
        return $" Ways forward (Review): {string.Join(", ", ways.Take(ways.Count - 1))}{(ways.Count > 1 ? " or " : "")}{ways[^1]}.";
    }

    private static string Sentence(DomainDecision domain)
    {
        var level = LevelText.Name(domain.Level ?? SecurityLevel.Unknown);
        var required = LevelText.Name(domain.RequiredLevel ?? SecurityLevel.Unknown);
        var reason = domain.Reason.TrimEnd('.');
        reason = reason.Length > 0 ? char.ToLowerInvariant(reason[0]) + reason[1..] : reason;
        return domain.Level == SecurityLevel.Unknown
            ? $"{domain.Domain} could not be checked: {reason}."
            : $"{domain.Domain} requires {required} delivery but is {level}: {reason}.";
    }
}
