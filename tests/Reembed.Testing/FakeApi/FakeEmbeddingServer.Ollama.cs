using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Reembed.Testing.FakeApi;

public sealed partial class FakeEmbeddingServer
{
    private async Task OllamaEmbedAsync(HttpContext context, string body)
    {
        var started = Stopwatch.GetTimestamp();
        using var document = ParseBody(body, ApiDialect.Ollama);
        var root = document.RootElement;
        var model = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (string.IsNullOrEmpty(model))
        {
            throw new FakeApiError(StatusCodes.Status400BadRequest, "model is required");
        }

        if (!Options.Models.Contains(model))
        {
            throw new FakeApiError(StatusCodes.Status404NotFound, $"model \"{model}\" not found, try pulling it first");
        }

        var inputs = ReadInputs(root, ApiDialect.Ollama) ?? throw new FakeApiError(StatusCodes.Status400BadRequest, "invalid input type");
        Counters.OnTexts(inputs);
        var dimensions = ReadDimensions(root, ApiDialect.Ollama);
        var truncate = !root.TryGetProperty("truncate", out var t) || t.ValueKind != JsonValueKind.False;

        // Ollama cuts an over-long input to the context length unless told not to.
        var texts = new string[inputs.Count];
        long tokens = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var count = CountTokens(inputs[i]);
            if (count > Options.MaxInputTokens && !truncate)
            {
                throw new FakeApiError(StatusCodes.Status400BadRequest, "the input length exceeds the context length");
            }

            texts[i] = count > Options.MaxInputTokens ? TruncateToTokens(inputs[i], Options.MaxInputTokens) : inputs[i];
            tokens += Math.Min(count, Options.MaxInputTokens);
        }

        if (!await CheckRateAsync(context, ApiDialect.Ollama, model, tokens))
        {
            return;
        }

        var admission = await AdmitAsync(context, ApiDialect.Ollama, inputs, vectors: true);
        if (admission.Answered)
        {
            return;
        }

        var vectors = texts.Select(text => Embed(text, dimensions)).ToArray();
        var sent = Enumerable.Range(0, texts.Length).ToList();
        ApplyVectorFault(admission.Fault, vectors, sent);
        var nanoseconds = (long)(Stopwatch.GetElapsedTime(started).TotalMilliseconds * 1_000_000);
        var response = FakeResponses.Build(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("embeddings");
            foreach (var index in sent)
            {
                WriteFloats(writer, vectors[index]);
            }

            writer.WriteEndArray();
            writer.WriteNumber("total_duration", nanoseconds);
            writer.WriteNumber("load_duration", 0);
            writer.WriteNumber("prompt_eval_count", tokens);
            writer.WriteEndObject();
        });
        await WriteSuccessAsync(context, response, admission.Fault, inputs.Count, tokens);
    }
}
