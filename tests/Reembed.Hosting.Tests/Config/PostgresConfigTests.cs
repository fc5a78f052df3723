using Reembed.Postgres;

namespace Reembed.Tests;

/// <summary>Loading the postgres keys of <c>source</c>, <c>target</c>, <c>state</c> and <c>cache</c>.</summary>
public sealed class PostgresConfigTests : IDisposable
{
    private const string Source = """{ "type": "postgres", "connectionStringEnv": "PG_URL", "table": "docs", "text": "{title}" }""";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reembed-pgconfig-" + Guid.NewGuid().ToString("N")[..8]);

    public PostgresConfigTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<JobSpec> LoadAsync(string source, string target, string extra = "")
    {
        var path = Path.Combine(_dir, "reembed.json");
        await File.WriteAllTextAsync(path, $$"""{ "source": {{source}}, "target": {{target}}, "embedder": { "type": "hashing" }{{extra}} }""");
        return await Loaders.LoadAsync(path);
    }

    [Theory]
    [InlineData("""{ "type": "postgres", "table": "docs" }""", true)]
    [InlineData("""{ "type": "postgres", "connectionStringEnv": "PG_URL", "table": "public.docs" }""", true)]
    [InlineData("""{ "type": "postgres", "table": "docs_v2" }""", false)]
    [InlineData("""{ "type": "postgres", "connectionStringEnv": "OTHER_URL", "table": "docs" }""", false)]
    [InlineData("""{ "type": "postgres", "table": "Docs" }""", false)]
    public async Task LoadAsync_PostgresTarget_InPlaceOnlyForTheSourceTableOnTheSameConnection(string target, bool inPlace)
    {
        var config = await LoadAsync(Source, target);
        Assert.Equal(inPlace, config.Target.InPlace);
        Assert.Equal("embedding", ((Postgres.PostgresTargetSpec)config.Target).Vector);
        Assert.Equal(PostgresVectorType.Vector, ((Postgres.PostgresTargetSpec)config.Target).VectorType);
        Assert.Equal(PostgresLoadPath.Auto, ((Postgres.PostgresTargetSpec)config.Target).LoadPath);
    }

    [Fact]
    public async Task LoadAsync_PostgresKeys_AreBoundAndOnlyNamesReachTheSpec()
    {
        var config = await LoadAsync(
            """{ "type": "postgres", "connectionStringEnv": "PG_URL", "query": "SELECT * FROM a JOIN b USING (id)", "id": "doc_id", "text": "{title}", "where": "lang = 'en'" }""",
            """{ "type": "postgres", "connectionStringEnv": "PG_URL", "table": "v", "vector": "emb", "vectorType": "halfvec", "loadPath": "insert" }""",
            """, "state": { "type": "postgres", "connectionStringEnv": "STATE_URL", "schema": "jobs" }, "cache": { "type": "postgres", "connectionStringEnv": "STATE_URL", "ttlDays": 1 }""");
        Assert.Equal("SELECT * FROM a JOIN b USING (id)", ((Postgres.PostgresSourceSpec)config.Source).Query);
        Assert.Null(((Postgres.PostgresSourceSpec)config.Source).Table);
        Assert.Equal("doc_id", config.Source.Id);
        Assert.Equal("lang = 'en'", ((Postgres.PostgresSourceSpec)config.Source).Where);
        Assert.False(config.Target.InPlace);
        Assert.Equal(("emb", PostgresVectorType.HalfVec, PostgresLoadPath.Insert), (((Postgres.PostgresTargetSpec)config.Target).Vector, ((Postgres.PostgresTargetSpec)config.Target).VectorType, ((Postgres.PostgresTargetSpec)config.Target).LoadPath));
        Assert.Equal(new Postgres.PostgresStateSpec { ConnectionStringEnv = "STATE_URL", Schema = "jobs" }, config.State);
        Assert.Null(config.StatePath());
        Assert.Equal(("postgres", "STATE_URL", "reembed", TimeSpan.FromDays(1)), (config.Cache.Type, ((Postgres.PostgresCacheSpec)config.Cache).ConnectionStringEnv, ((Postgres.PostgresCacheSpec)config.Cache).Schema, config.Cache.Ttl));
        var spec = config.ToSpecJson(new EmbeddingSpace("hashing", "h", 4, normalized: true));
        Assert.Contains("\"connectionStringEnv\":\"PG_URL\"", spec, StringComparison.Ordinal);
        Assert.Contains("\"vectorType\":\"halfvec\"", spec, StringComparison.Ordinal);
        Assert.Contains("\"shape\":\"shadow\"", spec, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_StateAsStringOrSqliteObject_IsASqliteFile()
    {
        var asString = await LoadAsync(Source, """{ "type": "postgres", "table": "docs" }""", """, "state": "s/state.db" """);
        Assert.Equal(new Sqlite.SqliteStateSpec { Path = Path.Combine(_dir, "s", "state.db") }, asString.State);
        var asObject = await LoadAsync(Source, """{ "type": "postgres", "table": "docs" }""", """, "state": { "type": "sqlite", "path": "t.db" } """);
        Assert.Equal(Path.Combine(_dir, "t.db"), asObject.StatePath());
        Assert.Equal(Path.Combine(_dir, "cache.db"), ((Sqlite.SqliteCacheSpec)asObject.Cache).Path);
    }

    [Theory]
    [InlineData(Source, """{ "type": "postgres", "table": "docs", "vectr": "e" }""", "", "target.vectr", "did you mean 'target.vector'")]
    [InlineData(Source, """{ "type": "postgres", "table": "docs", "vectorType": "float8[]" }""", "", "target.vectorType", "vector, halfvec or real[]")]
    [InlineData(Source, """{ "type": "postgres", "table": "docs", "loadPath": "bulk" }""", "", "target.loadPath", "auto, copy, insert")]
    [InlineData(Source, """{ "type": "postgres" }""", "", "target.table", "required")]
    [InlineData(Source, """{ "type": "postgres", "table": "x", "index": { "kind": "hnsw", "m": 500 } }""", "", "target.index.m", "between 2 and 100")]
    [InlineData(Source, """{ "type": "postgres", "table": "x", "index": { "knd": "hnsw" } }""", "", "target.index.knd", "did you mean 'target.index.kind'")]
    [InlineData(Source, """{ "type": "postgres", "table": "x", "deferIndex": "yes" }""", "", "target.deferIndex", "true or false")]
    [InlineData("""{ "type": "postgres", "connectionStringEnv": "PG_URL", "text": "{t}" }""", """{ "type": "postgres", "table": "x" }""", "", "source.table", "exactly one")]
    [InlineData("""{ "type": "postgres", "connectionStringEnv": "PG_URL", "table": "a", "query": "SELECT 1", "text": "{t}" }""", """{ "type": "postgres", "table": "x" }""", "", "source.table", "exactly one")]
    [InlineData("""{ "type": "postgres", "table": "docs", "text": "{t}" }""", """{ "type": "postgres", "table": "x" }""", "", "source.connectionStringEnv", "required")]
    [InlineData("""{ "type": "jsonl", "path": "d.jsonl", "text": "{t}" }""", """{ "type": "postgres", "table": "x" }""", "", "target.connectionStringEnv", "required")]
    [InlineData(Source, """{ "type": "postgres", "table": "x" }""", """, "state": { "type": "postgres" }""", "state.connectionStringEnv", "required")]
    [InlineData(Source, """{ "type": "postgres", "table": "x" }""", """, "state": { "type": "postgres", "connectionStringEnv": "S", "shema": "x" }""", "state.shema", "did you mean 'state.schema'")]
    [InlineData(Source, """{ "type": "postgres", "table": "x" }""", """, "state": { "type": "redis" }""", "state.type", "sqlite, postgres")]
    [InlineData(Source, """{ "type": "postgres", "table": "x" }""", """, "state": 3""", "state", "file path or an object")]
    [InlineData(Source, """{ "type": "postgres", "table": "x" }""", """, "cache": { "type": "postgres", "connectionStringEnv": "S", "path": "c.db" }""", "cache.path", "unknown key")]
    [InlineData(Source, """{ "type": "postgres", "table": "x" }""", """, "cache": { "type": "memcached" }""", "cache.type", "sqlite, postgres")]
    public async Task LoadAsync_BadPostgresKey_NamesTheKey(string source, string target, string extra, string key, string message)
    {
        var error = await Assert.ThrowsAsync<ReembedException>(() => LoadAsync(source, target, extra));
        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_ConnectionStringPastedAsTheVariableName_IsRefusedWithoutEchoingIt()
    {
        var pasted = "Host=db;Username=app;Password=hunter2";
        var error = await Assert.ThrowsAsync<ReembedException>(() =>
            LoadAsync($$"""{ "type": "postgres", "connectionStringEnv": "{{pasted}}", "table": "docs", "text": "{t}" }""", """{ "type": "postgres", "table": "docs" }"""));
        Assert.Contains("source.connectionStringEnv", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
