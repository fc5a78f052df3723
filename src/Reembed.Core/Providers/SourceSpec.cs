using System.Text.Json.Serialization;

namespace Reembed.Providers;

/// <summary>The <c>source</c> section, bound by its provider: paths absolute, the text template parsed.</summary>
public abstract record SourceSpec : FingerprintedSpec
{
    /// <summary>The field or column that identifies a record (<c>source.id</c>).</summary>
    [JsonPropertyOrder(-9)]
    public required string Id { get; init; }

    /// <summary>What is embedded (<c>source.text</c>).</summary>
    [JsonIgnore]
    public required TextTemplate Text { get; init; }

    /// <summary>The template as written: the fingerprint holds it.</summary>
    [JsonPropertyName("text")]
    [JsonPropertyOrder(-8)]
    public string TextSource => Text.Source;
}
