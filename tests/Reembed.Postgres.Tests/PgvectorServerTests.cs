using Npgsql;
using Reembed.Testing;

namespace Reembed.Postgres.Tests;

/// <summary>The pgvector test server answers Npgsql the way the sink tests rely on: real[] in, vector in SQL, real[] out.</summary>
public sealed class PgvectorServerTests
{
    [Fact]
    public async Task PgvectorServer_RealArrayCastToVector_RoundTripsAndMeasuresDistance()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestServices.PgvectorConnectionString);
        var table = "t_" + Guid.NewGuid().ToString("N");
        await using (var create = dataSource.CreateCommand($"CREATE TABLE {table} (id text PRIMARY KEY, embedding vector(3));"))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var command = dataSource.CreateCommand($"INSERT INTO {table} VALUES ('a', $1::real[]::vector(3));");
        command.Parameters.Add(new NpgsqlParameter { Value = new[] { 1f, 2f, 3f } });
        await command.ExecuteNonQueryAsync();

        try
        {
            await using var query = dataSource.CreateCommand(
                $"SELECT embedding::real[], (embedding <=> '[1,2,4]'::vector)::float8 FROM {table} WHERE id = 'a';");
            await using var reader = await query.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal(new[] { 1f, 2f, 3f }, reader.GetFieldValue<float[]>(0));
            Assert.Equal(0.00854, reader.GetDouble(1), 5);
        }
        finally
        {
            await using var drop = dataSource.CreateCommand($"DROP TABLE {table};");
            await drop.ExecuteNonQueryAsync();
        }
    }
}
