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

    /// <summary>The space the target was created for by its first <see cref="OpenAsync"/>; null until then.</summary>
    public EmbeddingSpace? Space { get; private set; }

    public override string Description => "memory";

    public override ValueTask OpenAsync(EmbeddingSpace space, string? resumeToken, CancellationToken cancellationToken = default)
    {
        RefuseOtherSpace(space);
        Space ??= space;
        return ValueTask.CompletedTask;
    }

    public override ValueTask<bool> OpenForLookupAsync(EmbeddingSpace space, CancellationToken cancellationToken = default)
    {
        RefuseOtherSpace(space);

        // Created by an open, or filled by a test by hand.
        return ValueTask.FromResult(Space is not null || Rows.Count > 0);
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

    /// <summary>Like every real target: vectors of one space only, and the error names both.</summary>
    private void RefuseOtherSpace(EmbeddingSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (Space is not null && Space.Id != space.Id)
        {
            throw ReembedException.Config("embedder",
                $"target memory holds vectors of space {Space.Id} ({Space.Description}); this embedder makes space {space.Id} ({space.Description})");
        }
    }
}
