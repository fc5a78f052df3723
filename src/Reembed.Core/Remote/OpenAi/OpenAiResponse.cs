namespace Reembed.Remote;

/// <summary>The vectors of an OpenAI embeddings response, in input order, and the token counts it reported.</summary>
internal sealed record OpenAiResponse(float[][] Vectors, long? PromptTokens, long? TotalTokens);
