using System.Globalization;

namespace Reembed.Postgres.Tests;

/// <summary>
/// pgvector's own search against an exact brute force, on the pgvector server (<c>REEMBED_TEST_PGVECTOR</c>).
/// Tables are schema-qualified and loaded by INSERT: PGlite ignores a search path and cannot COPY.
/// </summary>
public sealed class PostgresVectorCollectionPgvectorTests
{
    private const int Dimensions = 16;
    private static readonly EmbeddingSpace Space = new("test", "search", Dimensions, normalized: false);

    [Theory]
    [InlineData(PostgresVectorType.Vector, 10)]
    [InlineData(PostgresVectorType.HalfVec, 5)]
    public async Task SearchAsync_NoIndex_TopKEqualsBruteForce(PostgresVectorType type, int k)
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        var options = Options(scratch, type);
        await LoadAsync(options, 300, seed: 7);
        await using var collection = PostgresStores.CreateCollection(options);

        // The brute force runs over the vectors as stored: halfvec rounds them.
        var vectors = await collection.ReadAsync().ToListAsync();
        var random = new Random(11);

        for (var q = 0; q < 5; q++)
        {
            var query = Vector(random);
            var exact = vectors.Select(v => (v.Key, Score: Cosine(query, v.Vector))).OrderByDescending(n => n.Score).Take(k).ToList();

            var found = await collection.SearchAsync(query, k);

            Assert.True(collection.CanSearch);
            Assert.Equal(exact.Select(n => n.Key), found.Select(n => n.Key));
            Assert.All(found.Zip(exact), pair => Assert.Equal(pair.Second.Score, pair.First.Score, 1e-4));
        }
    }

    [Fact]
    public async Task ReadAsync_HalfvecColumn_VectorsAsFloat32()
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        var options = Options(scratch, PostgresVectorType.HalfVec);
        var written = await LoadAsync(options, 20, seed: 3);
        await using var collection = PostgresStores.CreateCollection(options);

        var read = await collection.ReadAsync().ToListAsync();

        Assert.Equal(written.Select(v => v.Key).Order(StringComparer.Ordinal), read.Select(v => v.Key).Order(StringComparer.Ordinal));
        var first = read.Single(v => v.Key == written[0].Key);
        Assert.Equal(Dimensions, first.Vector.Length);
        Assert.All(first.Vector.Zip(written[0].Vector.ToArray()), p => Assert.Equal(p.Second, p.First, 1e-2));
        Assert.Equal(Space.Id, first.SpaceId);
    }

    [Fact]
    public async Task SearchAsync_HnswIndexAndKAboveEfSearchDefault_ReturnsKNeighbours()
    {
        await using var scratch = await PgScratch.CreateAsync(pgvector: true);
        var options = Options(scratch, PostgresVectorType.Vector);
        // Enough rows that the planner takes the index: below a few thousand it sorts a sequential scan, which has no ef_search cap.
        await LoadAsync(options, 3000, seed: 5);
        await scratch.ExecuteAsync($"CREATE INDEX ON {options.Table} USING hnsw (embedding vector_cosine_ops)");
        await using var collection = PostgresStores.CreateCollection(options);

        var found = await collection.SearchAsync(Vector(new Random(1)), 60);

        Assert.Equal(60, found.Count);
        Assert.Equal(60, found.Select(n => n.Key).Distinct().Count());
        Assert.True(found.Zip(found.Skip(1)).All(p => p.First.Score >= p.Second.Score - 1e-6f));
    }

    private static PostgresSinkOptions Options(PgScratch scratch, PostgresVectorType type) => new()
    {
        ConnectionString = scratch.ConnectionString,
        Table = scratch.Qualify("vecs"),
        VectorType = type,
        LoadPath = PostgresLoadPath.Insert,
    };

    private static async Task<List<VectorRecord>> LoadAsync(PostgresSinkOptions options, int count, int seed)
    {
        var random = new Random(seed);
        var records = Enumerable.Range(0, count)
            .Select(i => new VectorRecord("k" + i.ToString(CultureInfo.InvariantCulture), Vector(random), "h" + i.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        await using var sink = await SinkTesting.OpenAsync(options, Space);
        await sink.WriteAsync(records);
        return records;
    }

    private static float[] Vector(Random random) => Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * (double)b[i];
            na += a[i] * (double)a[i];
            nb += b[i] * (double)b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}
