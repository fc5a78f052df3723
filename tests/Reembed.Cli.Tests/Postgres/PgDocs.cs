using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using Reembed.Hashing;
using Reembed.Testing;

namespace Reembed.Tests;

/// <summary>
/// A schema of its own on the PostgreSQL 15 test cluster holding a <c>docs</c> table of Debian records
/// (<c>id bigint, summary, description</c>), and a workspace whose config reads it; dropped on dispose.
/// </summary>
internal sealed class PgDocs : IAsyncDisposable
{
    public const string Variable = "PG_URL";
    public const string Template = "{summary}\n\n{description}";
    public const int Dimensions = 64;

    public PgDocs(string? connectionString = null) => ConnectionString = connectionString ?? TestServices.PostgresConnectionString;

    public string ConnectionString { get; }

    public string Schema { get; } = "t_" + Guid.NewGuid().ToString("N")[..20];

    public Workspace Workspace { get; } = new();

    public string Docs => $"{Schema}.docs";

    /// <summary>The child's environment: the connection string only through the variable the config names.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { [Variable] = ConnectionString };

    public static HashingEmbedderOptions Hashing => new() { Dimensions = Dimensions };

    public static string Compose(string summary, string description) => $"{summary}\n\n{description}";

    /// <summary>Creates the schema and <c>docs</c>; ids are 1..n in corpus order.</summary>
    public async Task CreateAsync(IReadOnlyList<JsonObject> records, string extraColumns = "")
    {
        await ExecuteAsync($"CREATE SCHEMA \"{Schema}\"; CREATE TABLE \"{Schema}\".docs (id bigint PRIMARY KEY, summary text, description text{extraColumns})");
        await using var connection = await OpenAsync();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY \"{Schema}\".docs (id, summary, description) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < records.Count; i++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync((long)(i + 1), NpgsqlDbType.Bigint);
            await writer.WriteAsync((string?)records[i]["summary"] ?? "", NpgsqlDbType.Text);
            await writer.WriteAsync((string?)records[i]["description"] ?? "", NpgsqlDbType.Text);
        }

        await writer.CompleteAsync();
    }

    /// <summary>Writes a postgres → postgres config with the hashing embedder and real[] vectors.</summary>
    public void WriteConfig(string targetTable, Action<JsonObject>? tweak = null) => Workspace.WriteConfig(config =>
    {
        config["source"] = new JsonObject { ["type"] = "postgres", ["connectionStringEnv"] = Variable, ["table"] = Docs, ["id"] = "id", ["text"] = Template };
        config["target"] = new JsonObject { ["type"] = "postgres", ["table"] = targetTable, ["vectorType"] = "real[]" };
        config["embedder"] = new JsonObject { ["type"] = "hashing", ["dimensions"] = Dimensions };
        tweak?.Invoke(config);
    });

    public Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(Workspace.Dir, Environment, args);

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>id → (vector, hash) of <paramref name="table"/>, rows with a vector only.</summary>
    public async Task<Dictionary<long, (float[] Vector, string? Hash)>> ReadVectorsAsync(string table, string vector = "embedding", string hash = "content_hash")
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id, \"{vector}\", \"{hash}\" FROM {table} WHERE \"{vector}\" IS NOT NULL", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<long, (float[], string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetInt64(0), (reader.GetFieldValue<float[]>(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>id → composed text of every row of <c>docs</c> now.</summary>
    public async Task<Dictionary<long, string>> ReadTextsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT id, coalesce(summary, ''), coalesce(description, '') FROM {Docs}", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<long, string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetInt64(0), Compose(reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>The hashing embedder's vectors of <paramref name="texts"/>, as the CLI's config makes them.</summary>
    public static async Task<Dictionary<long, float[]>> EmbedAsync(IReadOnlyDictionary<long, string> texts)
    {
        using var generator = HashingEmbedder.Create(Hashing);
        var ids = texts.Keys.ToArray();
        var embeddings = await generator.GenerateAsync(ids.Select(id => texts[id]).ToArray());
        return ids.Select((id, i) => (id, embeddings[i].Vector.ToArray())).ToDictionary(static p => p.id, static p => p.Item2);
    }

    public async ValueTask DisposeAsync()
    {
        await ExecuteAsync($"DROP SCHEMA IF EXISTS \"{Schema}\" CASCADE");
        Workspace.Dispose();
    }
}
