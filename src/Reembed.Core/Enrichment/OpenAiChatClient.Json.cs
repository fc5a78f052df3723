using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Reembed.Remote;

namespace Reembed.Enrichment;

internal sealed partial class OpenAiChatClient
{
    private static ByteArrayContent CreateBody(string model, IEnumerable<ChatMessage> messages, float temperature)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("messages");
            foreach (var message in messages)
            {
                writer.WriteStartObject();
                writer.WriteString("role", message.Role.Value);
                writer.WriteString("content", message.Text);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("temperature", temperature);
            writer.WriteBoolean("stream", false);
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
        return content;
    }

    /// <summary>
    /// Reads <c>{"id", "model", "choices": [{"message": {"role", "content"}, "finish_reason"}], "usage": {...}}</c>.
    /// A null <c>content</c> (a refusal, a filtered answer) reads as empty text; a missing choice is malformed.
    /// </summary>
    private ChatResponse ParseResponse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array || choices.GetArrayLength() == 0)
        {
            throw ApiErrors.Malformed(_provider, "no choices in the answer");
        }

        var choice = choices[0];
        if (choice.ValueKind != JsonValueKind.Object || !choice.TryGetProperty("message", out var message)
            || message.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrors.Malformed(_provider, "choices[0] has no message");
        }

        var content = message.TryGetProperty("content", out var c) ? c : default;
        if (content.ValueKind is not (JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Undefined))
        {
            throw ApiErrors.Malformed(_provider, "choices[0].message.content is not text");
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, content.ValueKind == JsonValueKind.String ? content.GetString() : null))
        {
            ResponseId = TextOf(root, "id"),
            ModelId = TextOf(root, "model") ?? _model,
            FinishReason = TextOf(choice, "finish_reason") is { } reason ? new ChatFinishReason(reason) : null,
        };

        if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            response.Usage = new UsageDetails
            {
                InputTokenCount = NumberOf(usage, "prompt_tokens"),
                OutputTokenCount = NumberOf(usage, "completion_tokens"),
                TotalTokenCount = NumberOf(usage, "total_tokens"),
            };
        }

        return response;
    }

    private static string? TextOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? NumberOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;
}
