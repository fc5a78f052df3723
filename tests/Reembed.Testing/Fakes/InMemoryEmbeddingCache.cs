using Reembed.Caching;

namespace Reembed.Testing;

/// <summary>
/// An embedding cache in memory with the semantics of the SQLite one (time to live on a
/// <see cref="TimeProvider"/>, last write wins, copies in and out), counting calls for tests.
/// </summary>
public sealed class InMemoryEmbeddingCache : EmbeddingCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Space, string Key), (float[] Vector, DateTimeOffset At)> _vectors = [];
    private readonly Dictionary<(string Scope, string Key), (string Text, DateTimeOffset At)> _texts = [];
    private readonly TimeProvider _time;
    private readonly TimeSpan? _ttl;
    private int _gets;
    private int _puts;
    private int _keysRequested;
    private int _entriesPut;

    public InMemoryEmbeddingCache(TimeProvider? time = null, TimeSpan? ttl = null)
    {
        _time = time ?? TimeProvider.System;
        _ttl = ttl;
    }

    /// <summary>Get calls, vectors and texts together.</summary>
    public int Gets => Volatile.Read(ref _gets);

    /// <summary>Put calls, vectors and texts together.</summary>
    public int Puts => Volatile.Read(ref _puts);

    public int KeysRequested => Volatile.Read(ref _keysRequested);

    public int EntriesPut => Volatile.Read(ref _entriesPut);

    /// <summary>Vectors held, expired or not.</summary>
    public int VectorCount
    {
        get
        {
            lock (_lock)
            {
                return _vectors.Count;
            }
        }
    }

    public override string Description => "memory";

    public override ValueTask GetVectorsAsync(
        string spaceId, IReadOnlyList<string> contentHashes, IDictionary<string, float[]> found, CancellationToken cancellationToken = default)
    {
        Count(ref _gets, ref _keysRequested, contentHashes.Count);
        lock (_lock)
        {
            foreach (var key in contentHashes)
            {
                if (_vectors.TryGetValue((spaceId, key), out var entry) && Fresh(entry.At))
                {
                    found[key] = (float[])entry.Vector.Clone();
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask PutVectorsAsync(
        string spaceId, IReadOnlyList<KeyValuePair<string, float[]>> entries, CancellationToken cancellationToken = default)
    {
        Count(ref _puts, ref _entriesPut, entries.Count);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var (key, vector) in entries)
            {
                _vectors[(spaceId, key)] = ((float[])vector.Clone(), now);
            }
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask GetTextsAsync(
        string scope, IReadOnlyList<string> keys, IDictionary<string, string> found, CancellationToken cancellationToken = default)
    {
        Count(ref _gets, ref _keysRequested, keys.Count);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_texts.TryGetValue((scope, key), out var entry) && Fresh(entry.At))
                {
                    found[key] = entry.Text;
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    public override ValueTask PutTextsAsync(
        string scope, IReadOnlyList<KeyValuePair<string, string>> entries, CancellationToken cancellationToken = default)
    {
        Count(ref _puts, ref _entriesPut, entries.Count);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var (key, text) in entries)
            {
                _texts[(scope, key)] = (text, now);
            }
        }

        return ValueTask.CompletedTask;
    }

    private static void Count(ref int calls, ref int items, int count)
    {
        Interlocked.Increment(ref calls);
        Interlocked.Add(ref items, count);
    }

    // Older than the time to live is a miss; exactly as old is still a hit, as in the SQLite cache.
    private bool Fresh(DateTimeOffset at) => _ttl is not { } ttl || _time.GetUtcNow() - at <= ttl;
}
