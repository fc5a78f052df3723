using System.Text.Json;

namespace Reembed.Testing;

/// <summary>One request as <see cref="StubHttpHandler"/> saw it; header names compare case-insensitively.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The body parsed as JSON; dispose it.</summary>
    public JsonDocument Json() => JsonDocument.Parse(Body);
}
