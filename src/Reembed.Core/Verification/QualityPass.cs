using Microsoft.Extensions.AI;

namespace Reembed;

/// <summary>
/// Retrieval quality on the sample: neighbours by the new vectors, self-retrieval (each sampled record's text
/// embedded again must find the record), golden queries, and (with a baseline) agreement with the old neighbours.
/// The candidate is searched once for all its queries, the baseline once for its own.
/// </summary>
internal sealed partial class QualityPass
{
    // Small enough for any provider's per-request input limit.
    private const int EmbedBatchSize = 64;

    private readonly VerifyRequest _request;
    private readonly int _k;

    public QualityPass(VerifyRequest request)
    {
        _request = request;
        _k = request.Options.K;
    }

    public async Task<QualityOutcome> RunAsync(IReadOnlyList<SampledVector> sample, CancellationToken cancellationToken = default)
    {
        var dimensions = _request.Space.Dimensions;
        var texts = await ReadTextsAsync(sample, cancellationToken);
        var selfSample = sample.Where(s => texts.ContainsKey(s.Key)).ToList();
        var selfVectors = await EmbedAsync(
            _request.Embedder, [.. selfSample.Select(s => texts[s.Key])], dimensions, "embedder.dimensions", cancellationToken);
        var golden = _request.GoldenQueries;
        var goldenVectors = await EmbedAsync(
            _request.Embedder, [.. golden.Select(g => g.Query)], dimensions, "embedder.dimensions", cancellationToken);

        List<SearchQuery> queries =
        [
            .. sample.Select(s => new SearchQuery(s.Unit, s.Key)),
            .. selfVectors.Select(v => new SearchQuery(v, null)),
            .. goldenVectors.Select(v => new SearchQuery(v, null)),
        ];
        var found = await NeighbourSearch.FindAsync(_request.Candidate, queries, _k, dimensions, cancellationToken);
        var neighbours = found[..sample.Count];
        var selfFound = found[sample.Count..(sample.Count + selfSample.Count)];
        var goldenFound = found[(sample.Count + selfSample.Count)..];

        long hits = 0, rankSum = 0;
        for (var i = 0; i < selfSample.Count; i++)
        {
            var key = selfSample[i].Key;
            var index = Array.FindIndex(selfFound[i], n => string.Equals(n.Key, key, StringComparison.Ordinal));
            hits += index >= 0 ? 1 : 0;
            rankSum += index >= 0 ? index + 1 : _k + 1;
        }

        List<GoldenMetrics> goldenMetrics = [];
        if (golden.Count > 0)
        {
            goldenMetrics.Add(GoldenScoring.Score(GoldenMetrics.New, golden, KeysOf(goldenFound), _k));
        }

        var baseline = _request.Baseline is null ? null : await CompareBaselineAsync(sample, neighbours, cancellationToken);
        if (baseline?.Golden is { } oldGolden)
        {
            goldenMetrics.Add(oldGolden);
        }

        var metrics = new QualityMetrics
        {
            SampleSize = sample.Count,
            K = _k,
            Seed = _request.Options.Seed,
            Search = NeighbourSearch.MethodFor(_request.Candidate),
            Overlap = baseline?.Overlap,
            SelfHitRate = selfSample.Count == 0 ? double.NaN : (double)hits / selfSample.Count,
            SelfMeanRank = selfSample.Count == 0 ? double.NaN : (double)rankSum / selfSample.Count,
            NewTopScores = TopScores(neighbours),
            OldTopScores = baseline?.OldTopScores,
            Golden = goldenMetrics,
        };
        return new QualityOutcome(metrics, selfSample.Count, baseline?.SpaceId, baseline?.HasVectors ?? false);
    }

    private async Task<Dictionary<string, string>> ReadTextsAsync(IReadOnlyList<SampledVector> sample, CancellationToken cancellationToken)
    {
        var keys = sample.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var record in _request.Source.ReadKeysAsync(keys, cancellationToken))
        {
            if (StructurePass.IsEligible(record) && keys.Contains(record.Key))
            {
                texts.TryAdd(record.Key, record.Text!);
            }
        }

        return texts;
    }

    /// <summary>Embeds <paramref name="texts"/> in batches; a model answering with another length is a config error, not a quality finding.</summary>
    private static async Task<float[][]> EmbedAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<string> texts, int dimensions, string key,
        CancellationToken cancellationToken)
    {
        var vectors = new float[texts.Count][];
        for (var start = 0; start < texts.Count; start += EmbedBatchSize)
        {
            var batch = texts.Skip(start).Take(EmbedBatchSize).ToList();
            var embeddings = await embedder.GenerateAsync(batch, cancellationToken: cancellationToken);
            if (embeddings.Count != batch.Count)
            {
                throw new ReembedException(
                    ErrorKind.Fatal, $"the embedding model returned {embeddings.Count} vectors for {batch.Count} texts");
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var vector = embeddings[i].Vector.ToArray();
                if (vector.Length != dimensions)
                {
                    throw ReembedException.Config(
                        key, $"the embedding model returns {vector.Length} dimensions, but the vectors it is searched against have {dimensions}");
                }

                vectors[start + i] = vector;
            }
        }

        return vectors;
    }

    private static Distribution TopScores(IEnumerable<Neighbour[]> neighbours) =>
        Distributions.Of([.. neighbours.Where(n => n.Length > 0).Select(n => (double)n[0].Score)]);

    private static List<IReadOnlyList<string>> KeysOf(IEnumerable<Neighbour[]> found) =>
        [.. found.Select(n => (IReadOnlyList<string>)[.. n.Select(x => x.Key)])];
}
