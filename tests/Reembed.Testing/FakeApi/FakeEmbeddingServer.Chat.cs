using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Reembed.Testing.FakeApi;

public sealed partial class FakeEmbeddingServer
{
    private long _chatCompletions;

    private async Task ChatAsync(HttpContext context, string body)
    {
        using var document = ParseBody(body, ApiDialect.OpenAi);
        var root = document.RootElement;
        var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (string.IsNullOrEmpty(model))
        {
            throw new FakeApiError(StatusCodes.Status400BadRequest, "You must provide a model parameter.", param: "model");
        }

        if (!Options.ChatModels.Contains(model))
        {
            throw new FakeApiError(StatusCodes.Status404NotFound,
                $"The model `{model}` does not exist or you do not have access to it.", code: "model_not_found");
        }

        var contents = ReadMessages(root);
        var lastUser = contents.LastOrDefault(static c => c.Role == "user").Content ?? "";
        var reply = Rewrite(lastUser);
        long promptTokens = contents.Sum(static c => (long)CountTokens(c.Content));
        long completionTokens = CountTokens(reply);

        if (!await CheckRateAsync(context, ApiDialect.OpenAi, model, promptTokens + completionTokens))
        {
            return;
        }

        var admission = await AdmitAsync(context, ApiDialect.OpenAi, contents.Select(static c => c.Content).ToList(), vectors: false);
        if (admission.Answered)
        {
            return;
        }

        var id = Interlocked.Increment(ref _chatCompletions);
        var response = FakeResponses.Build(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", $"chatcmpl-fake{id}");
            writer.WriteString("object", "chat.completion");
            writer.WriteNumber("created", Options.Time.GetUtcNow().ToUnixTimeSeconds());
            writer.WriteString("model", model);
            writer.WriteStartArray("choices");
            writer.WriteStartObject();
            writer.WriteNumber("index", 0);
            writer.WriteStartObject("message");
            writer.WriteString("role", "assistant");
            writer.WriteString("content", reply);
            writer.WriteNull("refusal");
            writer.WriteEndObject();
            writer.WriteNull("logprobs");
            writer.WriteString("finish_reason", "stop");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteStartObject("usage");
            writer.WriteNumber("prompt_tokens", promptTokens);
            writer.WriteNumber("completion_tokens", completionTokens);
            writer.WriteNumber("total_tokens", promptTokens + completionTokens);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
        await WriteSuccessAsync(context, response, admission.Fault, 0, promptTokens + completionTokens);
    }

    // Content is a string or an array of parts, of which only text parts matter here.
    private static List<(string Role, string Content)> ReadMessages(JsonElement root)
    {
        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array || messages.GetArrayLength() == 0)
        {
            throw new FakeApiError(StatusCodes.Status400BadRequest, "'messages' must be a non-empty array.", param: "messages");
        }

        var result = new List<(string, string)>();
        var i = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object
                || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                throw new FakeApiError(StatusCodes.Status400BadRequest, $"Missing required parameter: 'messages[{i}].role'.", param: $"messages[{i}].role");
            }

            result.Add((role.GetString()!, ReadContent(message, i)));
            i++;
        }

        return result;
    }

    private static string ReadContent(JsonElement message, int index)
    {
        if (!message.TryGetProperty("content", out var content) || content.ValueKind == JsonValueKind.Null)
        {
            return "";
        }

        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            throw new FakeApiError(StatusCodes.Status400BadRequest,
                $"Invalid type for 'messages[{index}].content': expected a string or an array of parts.", param: $"messages[{index}].content");
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
            {
                text.Append(value.GetString());
            }
        }

        return text.ToString();
    }
}
