namespace Reembed.Testing;

/// <summary>A target in memory: upserts by key, records every write, and can be told to fail.</summary>
public sealed class InMemorySink : VectorSink
{
    private readonly Lock _lock = new();

    public Dictionary<string, VectorRecord> Rows { get; } = new(StringComparer.Ordinal);

    /// <summary>Keys of every write call, in order.</summary>
    public List<IReadOnlyList<string>> Writes { get; } = [];

    /// <summary>Called before each write is applied; throw from it to simulate a failing store.</summary>
    public Action<IReadOnlyList<VectorRecord>>? OnWrite { get; set; }

    public EmbeddingSpace? Space { get; private set; }

    public override string Description => "memory";

    public override ValueTask OpenAsync(EmbeddingSpace space, string? resumeToken, CancellationToken cancellationToken = default)
    {
        Space = space;
        return ValueTask.CompletedTask;
    }

    public override ValueTask<bool> OpenForLookupAsync(EmbeddingSpace space, CancellationToken cancellationToken = default)
    {
        Space = space;
        return ValueTask.FromResult(Rows.Count > 0);
    }

    /// <summary>Sees each lookup before it is answered; may throw to fail it.</summary>
    public Action<IReadOnlyList<string>>? OnLookup { get; set; }

    public override ValueTask LookupAsync(IReadOnlyList<string> keys, IDictionary<string, string> found, CancellationToken cancellationToken = default)
    {
        OnLookup?.Invoke(keys);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (Rows.TryGetValue(key, out var row))
                {
                    found[key] = row.ContentHash;
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask<string?> WriteAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        OnWrite?.Invoke(records);
        lock (_lock)
        {
            Writes.Add(records.Select(static r => r.Key).ToList());
            foreach (var record in records)
            {
                Rows[record.Key] = record with { Vector = record.Vector.ToArray() };
            }

            return ValueTask.FromResult<string?>(Writes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
