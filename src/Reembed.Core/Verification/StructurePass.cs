namespace Reembed;

/// <summary>
/// Counts what the candidate holds against what the source says it should: one pass over the source for
/// the eligible keys, one over the candidate for everything else (and the quality sample).
/// </summary>
internal static class StructurePass
{
    private const int MissingSampleSize = 20;

    public static async Task<StructureResult> RunAsync(VerifyRequest request, CancellationToken cancellationToken = default)
    {
        var (eligibleInOrder, eligible, sourceRecords) = await ReadEligibleAsync(request.Source, cancellationToken);

        var dimensions = request.Space.Dimensions;
        var options = request.Options;
        var selector = new SampleSelector(options.SampleSize, options.Seed);
        var candidateKeys = new HashSet<string>(StringComparer.Ordinal);
        var spaceIds = new SortedSet<string>(StringComparer.Ordinal);
        var norms = new List<double>();
        long vectors = 0, duplicates = 0, wrongDimensions = 0, nonFinite = 0, zero = 0;
        await foreach (var stored in request.Candidate.ReadAsync(cancellationToken))
        {
            vectors++;
            if (!candidateKeys.Add(stored.Key))
            {
                duplicates++;
            }

            if (stored.SpaceId is not null)
            {
                spaceIds.Add(stored.SpaceId);
            }

            // One fault per vector, the most basic first: a vector of the wrong length is not also looked into.
            if (stored.Vector.Length != dimensions)
            {
                wrongDimensions++;
                continue;
            }

            var norm = VectorMath.Norm(stored.Vector);
            if (double.IsNaN(norm))
            {
                nonFinite++;
                continue;
            }

            norms.Add(norm);
            if (norm < VectorMath.ZeroNorm)
            {
                zero++;
                continue;
            }

            selector.Offer(stored.Key, stored.Vector);
        }

        long missing = 0, missingLedgered = 0;
        var missingSample = new List<string>();
        foreach (var key in eligibleInOrder)
        {
            if (candidateKeys.Contains(key))
            {
                continue;
            }

            missing++;
            if (request.LedgeredKeys.Contains(key))
            {
                missingLedgered++;
            }

            if (missingSample.Count < MissingSampleSize)
            {
                missingSample.Add(key);
            }
        }

        var metrics = new StructureMetrics
        {
            SourceRecords = sourceRecords,
            TargetVectors = vectors,
            Missing = missing,
            MissingSample = missingSample,
            MissingLedgered = missingLedgered,
            Extra = candidateKeys.Count(key => !eligible.Contains(key)),
            DuplicateKeys = duplicates,
            Dimensions = dimensions,
            WrongDimensions = wrongDimensions,
            NonFinite = nonFinite,
            ZeroVectors = zero,
            SpaceIds = [.. spaceIds],
            Norms = Distributions.Of(norms),
        };
        return new StructureResult(metrics, selector.ToList());
    }

    private static async Task<(List<string> InOrder, HashSet<string> Set, long Records)> ReadEligibleAsync(
        RecordSource source, CancellationToken cancellationToken)
    {
        var inOrder = new List<string>();
        var set = new HashSet<string>(StringComparer.Ordinal);
        long records = 0;
        foreach (var shard in await source.GetShardsAsync(cancellationToken))
        {
            await foreach (var record in source.ReadAsync(shard, null, cancellationToken))
            {
                if (!IsEligible(record))
                {
                    continue;
                }

                records++;
                if (set.Add(record.Key))
                {
                    inOrder.Add(record.Key);
                }
            }
        }

        return (inOrder, set, records);
    }

    /// <summary>A record a job would embed: it has a text and no failure.</summary>
    public static bool IsEligible(SourceRecord record) => record.Text is not null && record.Failure is null;
}
