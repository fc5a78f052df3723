using System.Text.Json.Serialization.Metadata;
using Reembed.Providers;

namespace Reembed.Jsonl;

/// <summary><c>target</c> of type <c>jsonl</c>: one object per line with <c>id</c>, <c>vector</c>, <c>content_hash</c>, <c>space</c>.</summary>
public sealed record JsonlTargetSpec : TargetSpec
{
    public override string Type => JsonlStoreProvider.Kind;

    /// <summary>Absolute path of the (live) file (<c>target.path</c>).</summary>
    public required string Path { get; init; }

    /// <summary>A shadow or demoted file is a file of that name in the same folder.</summary>
    public override TargetSpec Named(string name) => this with { Path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Path)!, name) };

    protected override JsonTypeInfo JsonTypeInfo => JsonlJsonContext.Default.JsonlTargetSpec;
}
