namespace Reembed.Cli;

/// <summary>The commented <c>embedder</c> blocks that <c>init</c> writes.</summary>
internal static class EmbedderTemplates
{
    public static string Block(string type) => type switch
    {
        "openai" => """
                // Any OpenAI-compatible /embeddings endpoint (OpenAI, vLLM, TEI, LM Studio, llama.cpp).
                "type": "openai",
                "baseUrl": "https://api.openai.com/v1",
                "model": "text-embedding-3-small",
                // "dimensions": 512,
                // The NAME of the environment variable that holds the key, never the key.
                "apiKeyEnv": "OPENAI_API_KEY",
                // Your account's published limits: Reembed drives the API to them and no further.
                "requestsPerMinute": 3000,
                "tokensPerMinute": 1000000,
                "maxConcurrency": "auto",
                "maxInputTokens": 8192,
                "oversize": "truncate",          // or "fail": ledger texts over maxInputTokens
                "pricePerMillionTokens": 0.02    // for 'plan'
            """,
        "azure-openai" => """
                "type": "azure-openai",
                "baseUrl": "https://YOUR-RESOURCE.openai.azure.com",
                "deployment": "text-embedding-3-small",
                "apiVersion": "2024-10-21",
                // The NAME of the environment variable that holds the key, never the key.
                "apiKeyEnv": "AZURE_OPENAI_API_KEY",
                "requestsPerMinute": 3000,
                "tokensPerMinute": 1000000
            """,
        "ollama" => """
                // Ollama's native /api/embed.
                "type": "ollama",
                "baseUrl": "http://localhost:11434",
                "model": "nomic-embed-text"
            """,
        _ => """
                // Built-in lexical feature hashing: deterministic, no server, no API key. Not a semantic model.
                "type": "hashing",
                "dimensions": 384,
                "features": ["words", "char3"],
                "seed": 0
            """,
    };
}
