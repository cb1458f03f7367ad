using System.Text.Json;
using System.Text.Json.Nodes;
using TlsPreflight.Api.Edges;
using TlsPreflight.Probing.Model;
using TlsPreflight.Probing.Words;

namespace TlsPreflight.Api.Monitoring.Alerts;

/// <summary>The body of one alert: the change as JSON, or for a Teams workflow an Adaptive Card saying the same.</summary>
public static class WebhookPayload
{
    // Alerts go to an operator's channel from a background pass, with no sender's language: the English sentences.
    private static readonly EngineWords Sentences = EngineWords.Create();

    public static string For(Uri url, PostureChange change)
        => WebhookAddress.IsTeamsWorkflow(url) ? AdaptiveCard(change) : JsonSerializer.Serialize(change, ApiJson.Options);

    /// <summary>The message shape Teams workflows accept: one Adaptive Card attachment (schema 1.4).</summary>
    public static string AdaptiveCard(PostureChange change)
    {
        var facts = new JsonArray(
            Fact("Change", Words(change.Change)),
            Fact("Level before", LevelText.Name(change.LevelBefore)),
            Fact("Level now", LevelText.Name(change.LevelAfter)),
            Fact("Time", change.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)));
        var body = new JsonArray(
            new JsonObject { ["type"] = "TextBlock", ["size"] = "Medium", ["weight"] = "Bolder", ["wrap"] = true, ["text"] = $"TLS Preflight: {change.Domain}" },
            new JsonObject { ["type"] = "FactSet", ["facts"] = facts });
        foreach (var code in change.Findings)
        {
            body.Add(new JsonObject { ["type"] = "TextBlock", ["wrap"] = true, ["text"] = Sentences.Finding(code) });
        }

        var card = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = new JsonObject
                {
                    ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                    ["type"] = "AdaptiveCard",
                    ["version"] = "1.4",
                    ["body"] = body,
                },
            }),
        };
        return card.ToJsonString();
    }

    private static JsonObject Fact(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static string Words(PostureChangeKind kind) => kind switch
    {
        PostureChangeKind.LevelLowered => "level lowered",
        PostureChangeKind.LevelRaised => "level raised",
        _ => "evidence changed",
    };
}
