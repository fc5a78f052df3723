namespace Reembed.Tests;

/// <summary><c>target.cutover</c> and the <c>verify</c> section: values bound, bad ones named.</summary>
public sealed class VerifyConfigTests : IDisposable
{
    private const string Base = """
        {
          "source": { "type": "jsonl", "path": "data/docs.jsonl", "text": "{summary}" },
          "target": { "type": "sqlite", "path": "out/v.db", "table": "live", "cutover": "shadow" },
          "embedder": { "type": "hashing" },
          "verify": VERIFY
        }
        """;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reembed-verify-config", Guid.NewGuid().ToString("N"));

    public VerifyConfigTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task LoadAsync_FullVerifySection_BindsEveryKeyAndResolvesPaths()
    {
        var config = await LoadAsync("""
            { "sampleSize": 50, "k": 5, "seed": 7, "goldenQueries": "golden.jsonl", "report": "r/report.html",
              "baselineEmbedder": { "type": "hashing", "dimensions": 128, "features": ["words"] },
              "thresholds": { "maxMissing": 3, "minSelfHitRate": 0.5, "minMeanOverlap": 0.05, "minGoldenRecallRatio": 0.9,
                              "minGoldenRecall": 0.2, "maxNonFinite": 1, "maxZeroVectors": 2, "maxDuplicateKeys": 4, "maxWrongDimensions": 5 } }
            """);

        Assert.True(config.Target.ShadowCutover);
        var verify = config.Verify;
        Assert.Equal((50, 5, 7), (verify.Options.SampleSize, verify.Options.K, verify.Options.Seed));
        Assert.Equal(Path.Combine(_dir, "golden.jsonl"), verify.GoldenQueries);
        Assert.Equal(Path.Combine(_dir, "r", "report.html"), verify.Report);
        Assert.Equal(128, verify.BaselineEmbedder?.Hashing?.Dimensions);
        var t = verify.Options.Thresholds;
        Assert.Equal((3L, 1L, 2L, 4L, 5L), (t.MaxMissing, t.MaxNonFinite, t.MaxZeroVectors, t.MaxDuplicateKeys, t.MaxWrongDimensions));
        Assert.Equal((0.5, 0.05, 0.9, 0.2), (t.MinSelfHitRate, t.MinMeanOverlap, t.MinGoldenRecallRatio, t.MinGoldenRecall));
    }

    [Fact]
    public async Task LoadAsync_NoVerifySection_Defaults()
    {
        var config = await LoadAsync("null");

        Assert.Equal(new VerifyOptions().SampleSize, config.Verify.Options.SampleSize);
        Assert.Equal(0.9, config.Verify.Options.Thresholds.MinSelfHitRate);
        Assert.Null(config.Verify.BaselineEmbedder);
    }

    [Theory]
    [InlineData("{ \"k\": 0 }", "verify.k", "between")]
    [InlineData("{ \"sampleSise\": 5 }", "verify.sampleSise", "did you mean 'verify.sampleSize'")]
    [InlineData("{ \"thresholds\": { \"minSelfHitRate\": 1.5 } }", "verify.thresholds.minSelfHitRate", "between")]
    [InlineData("{ \"thresholds\": { \"maxMissing\": -1 } }", "verify.thresholds.maxMissing", "between")]
    [InlineData("{ \"baselineEmbedder\": { \"type\": \"nope\" } }", "verify.baselineEmbedder.type", "unknown embedder type")]
    [InlineData("5", "verify", "must be a JSON object")]
    public async Task LoadAsync_BadVerifyKey_ConfigErrorNamingIt(string verify, string key, string detail)
    {
        var error = await Assert.ThrowsAsync<ReembedException>(() => LoadAsync(verify));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_UnknownCutover_ConfigErrorNamingKey()
    {
        var path = Path.Combine(_dir, "reembed.json");
        await File.WriteAllTextAsync(path, Base.Replace("\"shadow\"", "\"blue-green\"", StringComparison.Ordinal).Replace("VERIFY", "null", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<ReembedException>(() => Loaders.LoadAsync(path));

        Assert.Contains("target.cutover", error.Message, StringComparison.Ordinal);
        Assert.Contains("inplace, shadow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ShadowCutoverOnInPlacePostgres_ShadowColumnOfTheSameTable()
    {
        var path = Path.Combine(_dir, "reembed.json");
        await File.WriteAllTextAsync(path, """
            {
              "source": { "type": "postgres", "connectionStringEnv": "PG_URL", "table": "docs", "text": "{body}" },
              "target": { "type": "postgres", "table": "public.docs", "vector": "emb", "cutover": "shadow" },
              "embedder": { "type": "hashing" }
            }
            """);

        var config = await Loaders.LoadAsync(path);

        Assert.True(config.Target.InPlace);
        Assert.True(config.Target.ShadowCutover);
        var shadow = (Postgres.PostgresTargetSpec)config.Target.Named("emb__reembed_0123456789abcdef");
        Assert.Equal(("public.docs", "emb__reembed_0123456789abcdef"), (shadow.Table, shadow.Vector));
    }

    private async Task<JobSpec> LoadAsync(string verify)
    {
        var path = Path.Combine(_dir, "reembed.json");
        await File.WriteAllTextAsync(path, Base.Replace("VERIFY", verify, StringComparison.Ordinal));
        return await Loaders.LoadAsync(path);
    }
}
