using System.Security.Cryptography;
using System.Text;

namespace Reembed;

/// <summary>
/// What makes two vectors comparable: provider, model, its settings, dimensions and
/// normalisation. Its hash, <see cref="Id"/>, is stored with the job and with every vector;
/// writing one space into a target tagged with another is refused.
/// </summary>
public sealed class EmbeddingSpace
{
    public EmbeddingSpace(string provider, string model, int dimensions, bool normalized, IReadOnlyDictionary<string, string>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        Provider = provider;
        Model = model;
        Dimensions = dimensions;
        Normalized = normalized;
        Parameters = new SortedDictionary<string, string>(
            parameters?.ToDictionary() ?? [], StringComparer.Ordinal);
        Description = BuildDescription();
        Id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Description)))[..16];
    }

    public string Provider { get; }

    public string Model { get; }

    public int Dimensions { get; }

    public bool Normalized { get; }

    /// <summary>Settings that change the vectors (e.g. a hashing seed or feature set), sorted by key.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Canonical human-readable form, e.g. <c>hashing/hashing-v1 dims=384 norm=l2 features=words,char3 seed=0</c>.</summary>
    public string Description { get; }

    /// <summary>16 hex digits of the SHA-256 of <see cref="Description"/>.</summary>
    public string Id { get; }

    public override string ToString() => $"{Id} ({Description})";

    private string BuildDescription()
    {
        var builder = new StringBuilder();
        builder.Append(Provider).Append('/').Append(Model)
            .Append(" dims=").Append(Dimensions)
            .Append(" norm=").Append(Normalized ? "l2" : "none");
        foreach (var (key, value) in Parameters)
        {
            builder.Append(' ').Append(key).Append('=').Append(value);
        }

        return builder.ToString();
    }
}
