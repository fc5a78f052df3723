using System.Text;
using System.Text.Json;
using Reembed.Testing;
using Reembed.Testing.Verification;

namespace Reembed.Tests.Verification;

public class VerifyReportJsonTests
{
    [Fact]
    public async Task Write_FullReport_ParsesBackWithEveryPart()
    {
        var space = new EmbeddingSpace("test", "new", 4, normalized: true);
        (string, float[])[] vectors = [("a", [1, 0, 0, 0]), ("b", [0, 1, 0, 0]), ("c", [0, 0, 1, 1])];
        var request = new VerifyRequest
        {
            Source = new ListSource([("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")]),
            Candidate = InMemoryVectorCollection.Of("shadow", space.Id, vectors),
            Baseline = InMemoryVectorCollection.Of("live", "old", vectors),
            Embedder = new MapEmbeddingGenerator(new Dictionary<string, float[]>
            {
                ["A"] = [1, 0, 0, 0], ["B"] = [0, 1, 0, 0], ["C"] = [0, 0, 1, 1], ["q"] = [1, 0.1f, 0, 0],
            }),
            Space = space,
            GoldenQueries = [new GoldenQuery("q", ["a"])],
            JobId = "job-1",
            Options = new VerifyOptions { K = 2 },
            Time = new ManualTimeProvider(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero)),
        };
        var report = await Verifier.RunAsync(request);

        using var document = JsonDocument.Parse(Serialize(report));

        var root = document.RootElement;
        Assert.Equal("before", root.GetProperty("wrapper").GetString());
        Assert.False(root.GetProperty("passed").GetBoolean());
        Assert.Equal("job-1", root.GetProperty("jobId").GetString());
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), root.GetProperty("at").GetDateTimeOffset());
        Assert.Equal("memory shadow", root.GetProperty("candidate").GetString());
        Assert.Equal("memory live", root.GetProperty("baseline").GetString());
        Assert.Equal(space.Id, root.GetProperty("space").GetProperty("id").GetString());
        Assert.Equal(space.Description, root.GetProperty("space").GetProperty("description").GetString());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(report.Checks.Select(c => c.Name), checks.Select(c => c.GetProperty("name").GetString()));
        var missing = checks[0];
        Assert.Equal("structure", missing.GetProperty("group").GetString());
        Assert.Equal(1, missing.GetProperty("value").GetDouble());
        Assert.Equal("= 0", missing.GetProperty("threshold").GetString());
        Assert.False(missing.GetProperty("passed").GetBoolean());
        Assert.Contains("first: d", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, checks[1].GetProperty("detail").ValueKind);

        var structure = root.GetProperty("metrics").GetProperty("structure");
        Assert.Equal(4, structure.GetProperty("sourceRecords").GetInt64());
        Assert.Equal(3, structure.GetProperty("targetVectors").GetInt64());
        Assert.Equal(["d"], structure.GetProperty("missingSample").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([space.Id], structure.GetProperty("spaceIds").EnumerateArray().Select(e => e.GetString()));
        var norms = structure.GetProperty("norms");
        Assert.Equal(3, norms.GetProperty("count").GetInt64());
        Assert.Equal(Math.Sqrt(2), norms.GetProperty("max").GetDouble(), 6);
        Assert.Equal(3, norms.GetProperty("histogram").EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()));
        foreach (var name in new[] { "missing", "missingLedgered", "extra", "duplicateKeys", "dimensions", "wrongDimensions", "nonFinite", "zeroVectors" })
        {
            Assert.Equal(JsonValueKind.Number, structure.GetProperty(name).ValueKind);
        }

        var quality = root.GetProperty("metrics").GetProperty("quality");
        Assert.Equal(3, quality.GetProperty("sampleSize").GetInt32());
        Assert.Equal("exact", quality.GetProperty("search").GetString());
        Assert.Equal(1.0, quality.GetProperty("selfHitRate").GetDouble());
        Assert.Equal(1.0, quality.GetProperty("overlap").GetProperty("mean").GetDouble());
        Assert.Equal(JsonValueKind.Object, quality.GetProperty("oldTopScores").ValueKind);
        var golden = Assert.Single(quality.GetProperty("golden").EnumerateArray());
        Assert.Equal("new", golden.GetProperty("side").GetString());
        Assert.Equal(1.0, golden.GetProperty("mrr").GetDouble());
    }

    [Fact]
    public void Write_NaNValuesAndNoQuality_WrittenAsNull()
    {
        var empty = new Distribution
        {
            Count = 0, Min = double.NaN, Max = double.NaN, Mean = double.NaN, P05 = double.NaN, Median = double.NaN, P95 = double.NaN, Histogram = [],
        };
        var report = new VerifyReport
        {
            At = DateTimeOffset.UnixEpoch,
            Candidate = "c",
            SpaceId = "s",
            SpaceDescription = "d",
            Structure = new StructureMetrics
            {
                SourceRecords = 0, TargetVectors = 0, Missing = 0, MissingSample = [], MissingLedgered = 0, Extra = 0, DuplicateKeys = 0,
                Dimensions = 4, WrongDimensions = 0, NonFinite = 0, ZeroVectors = 0, SpaceIds = [], Norms = empty,
            },
            Checks = [new VerifyCheck("selfHitRate", VerifyCheck.Quality, double.NaN, "≥ 0.9", false)],
        };

        using var document = JsonDocument.Parse(Serialize(report));

        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("checks")[0].GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("metrics").GetProperty("quality").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("metrics").GetProperty("structure").GetProperty("norms").GetProperty("mean").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("jobId").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("baseline").ValueKind);
    }

    private static string Serialize(VerifyReport report)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("wrapper", "before");
            VerifyReportJson.Write(writer, report);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
