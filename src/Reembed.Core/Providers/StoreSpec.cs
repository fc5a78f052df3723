using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Reembed.Providers;

/// <summary>
/// A bound config section of a store (<c>source</c>, <c>target</c>, <c>state</c>, <c>cache</c>): the provider's own options
/// record, holding names of secrets, never their values. <see cref="Type"/> picks the provider.
/// </summary>
public abstract record StoreSpec
{
    /// <summary>The store kind, e.g. <c>sqlite</c>: the config's <c>type</c>.</summary>
    [JsonPropertyOrder(-10)]
    public abstract string Type { get; }
}

/// <summary>
/// A spec that decides a job's result (the source and the target). Its JSON is its part of the job fingerprint,
/// derived from its properties by the provider's source-generated <see cref="JsonTypeInfo"/>: a property enters
/// the fingerprint unless it is marked <see cref="JsonIgnoreAttribute"/> (it changes how, not what, is written).
/// </summary>
public abstract record FingerprintedSpec : StoreSpec
{
    /// <summary>The provider's source-generated metadata for the concrete record type.</summary>
    protected abstract JsonTypeInfo JsonTypeInfo { get; }

    /// <summary>The spec as compact JSON, every fingerprinted property included.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonTypeInfo);
}
