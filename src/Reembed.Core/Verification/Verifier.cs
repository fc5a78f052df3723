using System.Globalization;

namespace Reembed;

/// <summary>
/// Checks a candidate set of vectors (usually a shadow table a job wrote) before it is swapped live: structure
/// over everything (counts, keys, dimensions, finiteness, norms, space) and retrieval quality on a seeded sample
/// (self-retrieval, agreement with the old neighbours, golden queries).
/// </summary>
public static class Verifier
{
    /// <summary>Measures, holds the measurements to <see cref="VerifyOptions.Thresholds"/>, and reports.</summary>
    /// <exception cref="ReembedException"><see cref="ErrorKind.Config"/> for invalid options or a model whose vectors do not fit.</exception>
    public static async Task<VerifyReport> RunAsync(VerifyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request.Options);

        var structure = await StructurePass.RunAsync(request, cancellationToken);
        var quality = structure.Sample.Count == 0
            ? null
            : await new QualityPass(request).RunAsync(structure.Sample, cancellationToken);

        var thresholds = request.Options.Thresholds;
        var checks = VerifyChecks.Structure(structure.Metrics, request.Space, thresholds);
        if (quality is not null)
        {
            checks.AddRange(VerifyChecks.Quality(quality, thresholds, request.Baseline is not null));
        }

        return new VerifyReport
        {
            JobId = request.JobId,
            At = request.Time.GetUtcNow(),
            Candidate = request.Candidate.Description,
            Baseline = request.Baseline?.Description,
            SpaceId = request.Space.Id,
            SpaceDescription = request.Space.Description,
            BaselineSpaceId = quality?.BaselineSpaceId,
            Structure = structure.Metrics,
            Quality = quality?.Metrics,
            Checks = checks,
        };
    }

    private static void Validate(VerifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SampleSize < 1)
        {
            throw ReembedException.Config("verify.sampleSize", Invariant($"must be at least 1, got {options.SampleSize}"));
        }

        if (options.K < 1)
        {
            throw ReembedException.Config("verify.k", Invariant($"must be at least 1, got {options.K}"));
        }

        var t = options.Thresholds ?? throw ReembedException.Config("verify.thresholds", "is missing");
        RequireNonNegative("verify.thresholds.maxMissing", t.MaxMissing);
        RequireNonNegative("verify.thresholds.maxNonFinite", t.MaxNonFinite);
        RequireNonNegative("verify.thresholds.maxZeroVectors", t.MaxZeroVectors);
        RequireNonNegative("verify.thresholds.maxDuplicateKeys", t.MaxDuplicateKeys);
        RequireNonNegative("verify.thresholds.maxWrongDimensions", t.MaxWrongDimensions);
        RequireRate("verify.thresholds.minSelfHitRate", t.MinSelfHitRate);
        RequireRate("verify.thresholds.minMeanOverlap", t.MinMeanOverlap);
        RequireRate("verify.thresholds.minGoldenRecall", t.MinGoldenRecall);
        if (!double.IsFinite(t.MinGoldenRecallRatio) || t.MinGoldenRecallRatio < 0)
        {
            throw ReembedException.Config("verify.thresholds.minGoldenRecallRatio", Invariant($"must be 0 or more, got {t.MinGoldenRecallRatio}"));
        }
    }

    private static void RequireNonNegative(string key, long value)
    {
        if (value < 0)
        {
            throw ReembedException.Config(key, Invariant($"must be 0 or more, got {value}"));
        }
    }

    private static void RequireRate(string key, double value)
    {
        if (value is not (>= 0 and <= 1))
        {
            throw ReembedException.Config(key, Invariant($"must be between 0 and 1, got {value}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
