namespace Reembed.Jsonl;

/// <summary>Options of the <c>jsonl</c> target: one JSON object per line with <c>id</c>, <c>vector</c>, <c>content_hash</c> and <c>space</c>.</summary>
public sealed class JsonlSinkOptions
{
    /// <summary>Absolute path of the file; it and its directory are created when absent.</summary>
    public required string Path { get; init; }
}
