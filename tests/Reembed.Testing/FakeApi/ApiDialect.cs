namespace Reembed.Testing.FakeApi;

/// <summary>Which error body an endpoint speaks.</summary>
internal enum ApiDialect
{
    /// <summary><c>{"error":{"message","type","param","code"}}</c>: OpenAI, Azure OpenAI, chat.</summary>
    OpenAi,

    /// <summary><c>{"error":"..."}</c>.</summary>
    Ollama,
}
