using System.Text.Json.Nodes;
using Npgsql;
using Reembed.Testing;

namespace Reembed.Tests;

/// <summary>
/// pgvector end to end through the CLI: a Postgres source into a shadow <c>vector(n)</c> table on a real
/// pgvector server, the HNSW index built after the load, and nearest-neighbour queries answered by it.
/// </summary>
public sealed class PgvectorIndexTests
{
    private const int Records = 150;

    [Fact]
    public async Task Run_ShadowVectorTargetWithHnsw_IndexBuiltAfterTheLoadAnswersNearestNeighbourQueries()
    {
        var connectionString = TestServices.PgvectorConnectionString;
        var schema = "v_" + Guid.NewGuid().ToString("N")[..16];
        using var workspace = new Workspace();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        try
        {
            await ExecuteAsync(connection, $"CREATE SCHEMA \"{schema}\"; CREATE TABLE \"{schema}\".docs (id bigint PRIMARY KEY, summary text, description text)");
            var records = Workspace.Records(Records);
            for (var i = 0; i < records.Count; i++)
            {
                await using var insert = new NpgsqlCommand($"INSERT INTO \"{schema}\".docs VALUES ($1, $2, $3)", connection);
                insert.Parameters.Add(new NpgsqlParameter { Value = (long)(i + 1) });
                insert.Parameters.Add(new NpgsqlParameter { Value = (string?)records[i]["summary"] ?? "" });
                insert.Parameters.Add(new NpgsqlParameter { Value = (string?)records[i]["description"] ?? "" });
                await insert.ExecuteNonQueryAsync();
            }

            workspace.WriteConfig(config =>
            {
                config["source"] = new JsonObject { ["type"] = "postgres", ["connectionStringEnv"] = "PGVECTOR_URL", ["table"] = $"{schema}.docs", ["text"] = "{summary}\n\n{description}" };
                config["target"] = new JsonObject
                {
                    ["type"] = "postgres",
                    ["table"] = $"{schema}.docs_vectors",
                    ["vectorType"] = "vector",
                    ["index"] = new JsonObject { ["kind"] = "hnsw", ["m"] = 8, ["efConstruction"] = 32 },
                };
                config["embedder"] = new JsonObject { ["type"] = "hashing", ["dimensions"] = 64 };
            });

            var run = await CliProcess.RunAsync(workspace.Dir, new Dictionary<string, string> { ["PGVECTOR_URL"] = connectionString }, "run", "--json");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Equal(Records, run.Json().GetProperty("embedded").GetInt64());
            var definition = await ScalarAsync(connection,
                $"SELECT indexdef FROM pg_indexes WHERE schemaname = '{schema}' AND tablename = 'docs_vectors' AND indexdef LIKE '%hnsw%'");
            Assert.Contains("vector_cosine_ops", definition, StringComparison.Ordinal);

            // With sequential scans off the planner must use the index; each record's own vector finds it first.
            await ExecuteAsync(connection, "SET enable_seqscan = off");
            var plan = await LinesAsync(connection,
                $"EXPLAIN SELECT id FROM \"{schema}\".docs_vectors ORDER BY embedding <=> (SELECT embedding FROM \"{schema}\".docs_vectors WHERE id = 17) LIMIT 5");
            Assert.Contains("Index Scan", plan, StringComparison.Ordinal);
            foreach (var id in new long[] { 3, 17, 99 })
            {
                var nearest = await ScalarAsync(connection,
                    $"SELECT embedding <=> (SELECT embedding FROM \"{schema}\".docs_vectors WHERE id = {id}) FROM \"{schema}\".docs_vectors " +
                    $"ORDER BY embedding <=> (SELECT embedding FROM \"{schema}\".docs_vectors WHERE id = {id}) LIMIT 1");
                Assert.Equal("0", nearest);
            }
        }
        finally
        {
            await ExecuteAsync(connection, "RESET enable_seqscan");
            await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> LinesAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
