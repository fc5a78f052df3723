using System.Text.Json.Serialization.Metadata;
using Reembed.Providers;

namespace Reembed.Jsonl;

/// <summary><c>source</c> of type <c>jsonl</c>: a JSON-lines file, plain or gzip-compressed.</summary>
public sealed record JsonlSourceSpec : SourceSpec
{
    public override string Type => JsonlStoreProvider.Kind;

    /// <summary>Absolute path of the file (<c>source.path</c>).</summary>
    public required string Path { get; init; }

    protected override JsonTypeInfo JsonTypeInfo => JsonlJsonContext.Default.JsonlSourceSpec;
}
