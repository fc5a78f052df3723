namespace Reembed;

internal sealed partial class QualityPass
{
    /// <summary>
    /// Picks the old vectors of the sampled keys out of the baseline, finds their old neighbours (and the old
    /// side of the golden queries), and measures how many of the new neighbours the old ones agree with.
    /// </summary>
    private async Task<BaselineComparison> CompareBaselineAsync(
        IReadOnlyList<SampledVector> sample, Neighbour[][] newNeighbours, CancellationToken cancellationToken)
    {
        var baseline = _request.Baseline!;
        var wanted = sample.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var old = new Dictionary<string, float[]>(StringComparer.Ordinal);
        int? dimensions = null;
        string? spaceId = null;
        await foreach (var stored in baseline.ReadAsync(cancellationToken))
        {
            spaceId ??= stored.SpaceId;
            var norm = VectorMath.Norm(stored.Vector);
            if (!double.IsFinite(norm) || norm < VectorMath.ZeroNorm)
            {
                continue;
            }

            // The old model's length is whatever its first usable vector has; stray lengths cannot be compared.
            dimensions ??= stored.Vector.Length;
            if (stored.Vector.Length == dimensions && wanted.Contains(stored.Key))
            {
                old.TryAdd(stored.Key, stored.Vector);
            }
        }

        if (dimensions is not int oldDimensions)
        {
            return new BaselineComparison(spaceId, HasVectors: false, Overlap: null, OldTopScores: null, Golden: null);
        }

        var compared = Enumerable.Range(0, sample.Count).Where(i => old.ContainsKey(sample[i].Key)).ToList();
        var golden = _request.GoldenQueries;
        var goldenVectors = _request.BaselineEmbedder is { } oldEmbedder
            ? await EmbedAsync(oldEmbedder, [.. golden.Select(g => g.Query)], oldDimensions, "verify.baselineEmbedder", cancellationToken)
            : [];
        List<SearchQuery> queries =
        [
            .. compared.Select(i => new SearchQuery(old[sample[i].Key], sample[i].Key)),
            .. goldenVectors.Select(v => new SearchQuery(v, null)),
        ];
        var found = await NeighbourSearch.FindAsync(baseline, queries, _k, oldDimensions, cancellationToken);

        var overlaps = new List<double>(compared.Count);
        for (var c = 0; c < compared.Count; c++)
        {
            var newKeys = newNeighbours[compared[c]].Select(n => n.Key).ToHashSet(StringComparer.Ordinal);
            var shared = found[c].Select(n => n.Key).Distinct(StringComparer.Ordinal).Count(newKeys.Contains);
            overlaps.Add((double)shared / _k);
        }

        var oldGolden = _request.BaselineEmbedder is not null && golden.Count > 0
            ? GoldenScoring.Score(GoldenMetrics.Old, golden, KeysOf(found[compared.Count..]), _k)
            : null;
        return new BaselineComparison(
            spaceId,
            HasVectors: true,
            Overlap: compared.Count == 0 ? null : Distributions.Of(overlaps),
            OldTopScores: compared.Count == 0 ? null : TopScores(found[..compared.Count]),
            Golden: oldGolden);
    }
}
