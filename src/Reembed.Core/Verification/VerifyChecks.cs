using System.Globalization;

namespace Reembed;

/// <summary>Holds the measured values to the thresholds: one <see cref="VerifyCheck"/> per criterion, in a stable order.</summary>
internal static class VerifyChecks
{
    public static List<VerifyCheck> Structure(StructureMetrics s, EmbeddingSpace space, VerifyThresholds t)
    {
        var missingDetail = s.Missing == 0 ? null
            : Invariant($"{s.Missing} source records have no vector ({s.MissingLedgered} of them in the failures ledger); first: {string.Join(", ", s.MissingSample)}");
        var spaceOk = s.TargetVectors == 0
            ? s.SpaceIds.Count == 0
            : s.SpaceIds.Count == 1 && s.SpaceIds[0] == space.Id;
        var spaceDetail = s.SpaceIds.Count == 0 ? "no space id on the vectors" : $"found: {string.Join(", ", s.SpaceIds)}";
        return
        [
            AtMost("missing", s.Missing, t.MaxMissing, missingDetail),
            AtMost("nonFinite", s.NonFinite, t.MaxNonFinite, s.NonFinite == 0 ? null : "vectors with a NaN or infinite component"),
            AtMost("zeroVectors", s.ZeroVectors, t.MaxZeroVectors, s.ZeroVectors == 0 ? null : "vectors of norm 0: no direction to search by"),
            AtMost("duplicateKeys", s.DuplicateKeys, t.MaxDuplicateKeys, s.DuplicateKeys == 0 ? null : "keys stored more than once"),
            AtMost("wrongDimensions", s.WrongDimensions, t.MaxWrongDimensions,
                s.WrongDimensions == 0 ? null : Invariant($"vectors whose length is not {s.Dimensions}")),
            new VerifyCheck("space", VerifyCheck.Structure, s.SpaceIds.Count, $"= [{space.Id}]", spaceOk, spaceOk ? null : spaceDetail),
        ];
    }

    public static List<VerifyCheck> Quality(QualityOutcome outcome, VerifyThresholds t, bool hasBaseline)
    {
        var q = outcome.Metrics;
        var checks = new List<VerifyCheck>
        {
            AtLeast("selfHitRate", q.SelfHitRate, t.MinSelfHitRate, outcome.SelfQueries == 0
                ? "no sampled record has a text in the source to embed again"
                : Invariant($"{outcome.SelfQueries} sampled texts embedded again and searched; mean rank {q.SelfMeanRank:0.##} (a miss counts {q.K + 1})")),
        };
        if (hasBaseline && outcome.BaselineHasVectors)
        {
            var detail = q.Overlap is null
                ? "none of the sampled keys has an old vector to compare with"
                : Invariant($"top-{q.K} neighbours shared with the old vectors, over {q.Overlap.Count} sampled records; median {q.Overlap.Median:0.###}");
            checks.Add(AtLeast("meanOverlap", q.Overlap?.Mean ?? double.NaN, t.MinMeanOverlap, detail));
        }

        var newGolden = q.Golden.FirstOrDefault(g => g.Side == GoldenMetrics.New);
        if (newGolden is not null)
        {
            checks.Add(AtLeast("goldenRecall", newGolden.RecallAtK, t.MinGoldenRecall,
                Invariant($"recall@{q.K} over {newGolden.Queries} golden queries; MRR {newGolden.Mrr:0.###}, nDCG@{q.K} {newGolden.NdcgAtK:0.###}")));
            if (q.Golden.FirstOrDefault(g => g.Side == GoldenMetrics.Old) is { } oldGolden)
            {
                var floor = t.MinGoldenRecallRatio * oldGolden.RecallAtK;
                checks.Add(new VerifyCheck(
                    "goldenRecallVsOld", VerifyCheck.Quality, newGolden.RecallAtK,
                    Invariant($"≥ {t.MinGoldenRecallRatio:0.###} × old = {floor:0.###}"),
                    newGolden.RecallAtK >= floor,
                    Invariant($"old recall@{q.K} {oldGolden.RecallAtK:0.###}, new {newGolden.RecallAtK:0.###}")));
            }
        }

        return checks;
    }

    private static VerifyCheck AtMost(string name, long value, long max, string? detail) =>
        new(name, VerifyCheck.Structure, value, max == 0 ? "= 0" : Invariant($"≤ {max}"), value <= max, detail);

    // NaN (nothing measured) fails: a check that could not be made is not a pass.
    private static VerifyCheck AtLeast(string name, double value, double min, string? detail) =>
        new(name, VerifyCheck.Quality, value, Invariant($"≥ {min:0.###}"), value >= min, detail);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
