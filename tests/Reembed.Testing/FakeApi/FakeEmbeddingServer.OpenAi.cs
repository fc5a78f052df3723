using System.Buffers.Binary;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Reembed.Testing.FakeApi;

public sealed partial class FakeEmbeddingServer
{
    private const string InvalidInput = "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";

    private Task AzureEmbeddingsAsync(HttpContext context, string body)
    {
        if (string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            // Azure answers a missing api-version as an unknown resource.
            throw new FakeApiError(StatusCodes.Status404NotFound, "Resource not found", code: "404");
        }

        var deployment = context.Request.RouteValues["deployment"] as string ?? "";
        if (!Options.Models.Contains(deployment))
        {
            throw new FakeApiError(StatusCodes.Status404NotFound,
                "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.",
                code: "DeploymentNotFound");
        }

        return OpenAiEmbeddingsAsync(context, body, deployment);
    }

    private async Task OpenAiEmbeddingsAsync(HttpContext context, string body, string? deployment)
    {
        using var document = ParseBody(body, ApiDialect.OpenAi);
        var root = document.RootElement;
        var model = deployment ?? (root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null)
            ?? throw new FakeApiError(StatusCodes.Status400BadRequest,
                "You must provide a model parameter.", param: "model");
        if (deployment is null && !Options.Models.Contains(model))
        {
            throw new FakeApiError(StatusCodes.Status404NotFound,
                $"The model `{model}` does not exist or you do not have access to it.", code: "model_not_found");
        }

        var inputs = ReadInputs(root, ApiDialect.OpenAi) ?? throw new FakeApiError(StatusCodes.Status400BadRequest, InvalidInput, param: "input");
        Counters.OnTexts(inputs);
        var dimensions = ReadDimensions(root, ApiDialect.OpenAi);
        var base64 = ReadBase64(root);
        var tokens = CheckInputs(inputs);

        if (!await CheckRateAsync(context, ApiDialect.OpenAi, model, tokens))
        {
            return;
        }

        var admission = await AdmitAsync(context, ApiDialect.OpenAi, inputs, vectors: true);
        if (admission.Answered)
        {
            return;
        }

        var vectors = inputs.Select(text => Embed(text, dimensions)).ToArray();
        var order = Enumerable.Range(0, inputs.Count).ToArray();
        if (Options.ShuffleData)
        {
            _random.Shuffle(order);
        }

        var sent = order.ToList();
        ApplyVectorFault(admission.Fault, vectors, sent);
        var response = FakeResponses.Build(writer => WriteEmbeddings(writer, model, vectors, sent, base64, tokens));
        await WriteSuccessAsync(context, response, admission.Fault, inputs.Count, tokens);
    }

    private bool ReadBase64(JsonElement root)
    {
        if (!root.TryGetProperty("encoding_format", out var format) || format.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        var value = format.ValueKind == JsonValueKind.String ? format.GetString() : null;
        if (value is not ("float" or "base64"))
        {
            throw new FakeApiError(StatusCodes.Status400BadRequest,
                $"Invalid value for 'encoding_format': '{format}'. Supported values are: 'float' and 'base64'.", param: "encoding_format");
        }

        if (value == "base64" && Options.RejectBase64)
        {
            // Some OpenAI-compatible servers only speak float; a client should fall back.
            throw new FakeApiError(StatusCodes.Status400BadRequest,
                "encoding_format 'base64' is not supported by this server; use 'float'.", param: "encoding_format", code: "unsupported_value");
        }

        return value == "base64";
    }

    // Limits of one request, checked before it is admitted; returns the request's prompt tokens.
    private long CheckInputs(IReadOnlyList<string> inputs)
    {
        if (inputs.Count == 0)
        {
            throw new FakeApiError(StatusCodes.Status400BadRequest, InvalidInput, param: "input");
        }

        if (inputs.Count > Options.MaxInputsPerRequest)
        {
            throw new FakeApiError(StatusCodes.Status400BadRequest,
                $"Too many inputs: {inputs.Count} given, the maximum is {Options.MaxInputsPerRequest} per request.", param: "input");
        }

        long total = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Length == 0)
            {
                throw new FakeApiError(StatusCodes.Status400BadRequest, InvalidInput, param: "input");
            }

            var tokens = CountTokens(inputs[i]);
            if (tokens > Options.MaxInputTokens)
            {
                throw new FakeApiError(StatusCodes.Status400BadRequest,
                    $"This model's maximum context length is {Options.MaxInputTokens} tokens, however you requested {tokens} tokens "
                    + $"({tokens} in your prompt; 0 for the completion) in input at index {i}. Please reduce your prompt; or completion length.",
                    param: "input", code: "context_length_exceeded");
            }

            total += tokens;
        }

        if (total > Options.MaxTokensPerRequest)
        {
            throw new FakeApiError(StatusCodes.Status400BadRequest,
                $"Requested {total} tokens, max {Options.MaxTokensPerRequest} tokens per request", param: "input", code: "max_tokens_per_request");
        }

        return total;
    }

    private static void WriteEmbeddings(Utf8JsonWriter writer, string model, float[][] vectors, List<int> order, bool base64, long tokens)
    {
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        foreach (var index in order)
        {
            writer.WriteStartObject();
            writer.WriteString("object", "embedding");
            writer.WriteNumber("index", index);
            writer.WritePropertyName("embedding");
            if (base64)
            {
                writer.WriteStringValue(ToBase64(vectors[index]));
            }
            else
            {
                WriteFloats(writer, vectors[index]);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("model", model);
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", tokens);
        writer.WriteNumber("total_tokens", tokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static string ToBase64(float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return Convert.ToBase64String(bytes);
    }
}
