using Reembed.Providers;

namespace Reembed.Hosting;

public sealed partial class JobSpecLoader
{
    private static VerifySpec BindVerify(ConfigSection? section, StoreBindingContext context)
    {
        if (section is null)
        {
            return new VerifySpec();
        }

        section.RejectUnknownKeys("sampleSize", "k", "seed", "goldenQueries", "report", "baselineEmbedder", "thresholds");
        var defaults = new VerifyOptions();
        var spec = new VerifySpec
        {
            Options = new VerifyOptions
            {
                SampleSize = section.Int("sampleSize", 1, 100_000) ?? defaults.SampleSize,
                K = section.Int("k", 1, 1_000) ?? defaults.K,
                Seed = section.Int("seed", int.MinValue, int.MaxValue) ?? defaults.Seed,
                Thresholds = section.Section("thresholds") is { } thresholds ? BindThresholds(thresholds) : defaults.Thresholds,
            },
            GoldenQueries = section.String("goldenQueries") is { } golden ? context.Resolve(golden) : null,
            Report = section.String("report") is { } report ? context.Resolve(report) : null,
            // The old model's own concurrency settings do not matter here: verify sends it a sample, not a corpus.
            BaselineEmbedder = section.Section("baselineEmbedder") is { } baseline ? BindEmbedder(baseline, new PipelineOptions()) : null,
        };
        section.RejectUnknownKeys();
        return spec;
    }

    private static VerifyThresholds BindThresholds(ConfigSection section)
    {
        section.RejectUnknownKeys("maxMissing", "maxNonFinite", "maxZeroVectors", "maxDuplicateKeys", "maxWrongDimensions",
            "minSelfHitRate", "minMeanOverlap", "minGoldenRecallRatio", "minGoldenRecall");
        var d = new VerifyThresholds();
        var thresholds = new VerifyThresholds
        {
            MaxMissing = section.Int("maxMissing", 0, int.MaxValue) ?? d.MaxMissing,
            MaxNonFinite = section.Int("maxNonFinite", 0, int.MaxValue) ?? d.MaxNonFinite,
            MaxZeroVectors = section.Int("maxZeroVectors", 0, int.MaxValue) ?? d.MaxZeroVectors,
            MaxDuplicateKeys = section.Int("maxDuplicateKeys", 0, int.MaxValue) ?? d.MaxDuplicateKeys,
            MaxWrongDimensions = section.Int("maxWrongDimensions", 0, int.MaxValue) ?? d.MaxWrongDimensions,
            MinSelfHitRate = section.Double("minSelfHitRate", 0, 1) ?? d.MinSelfHitRate,
            MinMeanOverlap = section.Double("minMeanOverlap", 0, 1) ?? d.MinMeanOverlap,
            MinGoldenRecallRatio = section.Double("minGoldenRecallRatio", 0, 10) ?? d.MinGoldenRecallRatio,
            MinGoldenRecall = section.Double("minGoldenRecall", 0, 1) ?? d.MinGoldenRecall,
        };
        section.RejectUnknownKeys();
        return thresholds;
    }
}
