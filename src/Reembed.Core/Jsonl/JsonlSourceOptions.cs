namespace Reembed.Jsonl;

/// <summary>Options of the <c>jsonl</c> source: a JSON-lines file, plain or gzip-compressed.</summary>
public sealed class JsonlSourceOptions
{
    /// <summary>Absolute path of the file. Gzip is detected by its magic bytes, not by the extension.</summary>
    public required string Path { get; init; }

    /// <summary>The field that holds each record's id (a string or a number); a dotted name reaches into nested objects.</summary>
    public string IdField { get; init; } = "id";

    /// <summary>The template that composes the text to embed from a record's fields.</summary>
    public required TextTemplate Text { get; init; }
}
