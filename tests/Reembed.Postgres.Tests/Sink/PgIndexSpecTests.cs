using Reembed.Postgres.Sink;
using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Tests;

public sealed class PgIndexSpecTests
{
    private static readonly PgTableName Table = new("s", "docs");

    [Theory]
    [InlineData("btree", null, null, null, null, "1GB", "target.index.type")]
    [InlineData("hnsw", "vector_cosine_ops; DROP TABLE x", null, null, null, "1GB", "target.index.ops")]
    [InlineData("hnsw", null, 1, null, null, "1GB", "target.index.m")]
    [InlineData("hnsw", null, 101, null, null, "1GB", "target.index.m")]
    [InlineData("hnsw", null, 16, 20, null, "1GB", "target.index.efConstruction")]
    [InlineData("hnsw", null, null, 2000, null, "1GB", "target.index.efConstruction")]
    [InlineData("hnsw", null, null, null, 10, "1GB", "target.index.lists")]
    [InlineData("ivfflat", null, 16, null, null, "1GB", "target.index.m")]
    [InlineData("ivfflat", null, null, 64, null, "1GB", "target.index.efConstruction")]
    [InlineData("ivfflat", null, null, null, 0, "1GB", "target.index.lists")]
    [InlineData("ivfflat", null, null, null, 40000, "1GB", "target.index.lists")]
    [InlineData("hnsw", null, null, null, null, "1GB'; DROP TABLE x; --", "target.index.maintenanceWorkMem")]
    [InlineData("hnsw", null, null, null, null, "lots", "target.index.maintenanceWorkMem")]
    public void Resolve_BadOption_ConfigErrorNamingItsKey(string kind, string? ops, int? m, int? ef, int? lists, string memory, string key)
    {
        var options = Options(new PostgresIndexOptions { Kind = kind, Ops = ops, M = m, EfConstruction = ef, Lists = lists, MaintenanceWorkMem = memory });

        var error = Assert.Throws<ReembedException>(() => PgIndexSpec.Resolve(options, Table));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal(key, error.Subject);
    }

    [Fact]
    public void Resolve_IndexOnRealArray_ConfigErrorNamingTargetIndex()
    {
        var options = Options(new PostgresIndexOptions(), PostgresVectorType.RealArray);

        var error = Assert.Throws<ReembedException>(() => PgIndexSpec.Resolve(options, Table));

        Assert.Equal("target.index", error.Subject);
        Assert.Contains("vectorType", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_Defaults_HnswCosineOfColumnTypeWithPgvectorDefaults()
    {
        var vector = PgIndexSpec.Resolve(Options(new PostgresIndexOptions()), Table)!;
        var half = PgIndexSpec.Resolve(Options(new PostgresIndexOptions { Kind = " IVFFlat " }, PostgresVectorType.HalfVec), Table)!;

        Assert.Equal(("hnsw", "vector_cosine_ops", "1GB", "docs_embedding_hnsw"), (vector.Kind, vector.Ops, vector.MaintenanceWorkMem, vector.Name));
        Assert.Equal("", vector.WithClause(10));
        Assert.Equal(("ivfflat", "halfvec_cosine_ops"), (half.Kind, half.Ops));
        Assert.Null(PgIndexSpec.Resolve(Options(null), Table));
    }

    [Theory]
    [InlineData(0, " WITH (lists = 1)")]
    [InlineData(250_000, " WITH (lists = 250)")]
    [InlineData(4_000_000, " WITH (lists = 2000)")]
    public void WithClause_IvfflatWithoutLists_SizedFromRows(long rows, string expected)
    {
        var spec = PgIndexSpec.Resolve(Options(new PostgresIndexOptions { Kind = "ivfflat" }), Table)!;

        Assert.Equal(expected, spec.WithClause(rows));
    }

    [Fact]
    public void Resolve_LongNames_IndexNameShortenedToPostgresLimitAndDistinct()
    {
        var longTable = new PgTableName(null, new string('t', 60));
        var options = Options(new PostgresIndexOptions { M = 8, EfConstruction = 32 });

        var a = PgIndexSpec.Resolve(options, longTable)!;
        var b = PgIndexSpec.Resolve(options, longTable with { Name = new string('t', 59) + "u" })!;

        Assert.Equal(63, a.Name.Length);
        Assert.NotEqual(a.Name, b.Name);
        Assert.Equal(" WITH (m = 8, ef_construction = 32)", a.WithClause(0));
    }

    private static PostgresSinkOptions Options(PostgresIndexOptions? index, PostgresVectorType type = PostgresVectorType.Vector) => new()
    {
        ConnectionString = "Host=unused",
        Table = "s.docs",
        VectorType = type,
        Index = index,
    };
}
