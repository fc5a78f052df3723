namespace Reembed.Remote;

/// <summary>The vectors of an Ollama <c>/api/embed</c> response, in input order, and its <c>prompt_eval_count</c>.</summary>
internal sealed record OllamaResponse(float[][] Vectors, long? PromptEvalCount);
