using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Reembed.Bench.Postgres;

/// <summary>Fills the source table with Debian package texts, repeated under distinct ids (not timed).</summary>
internal static class PgSourceSetup
{
    public static async Task EnsureAsync(string connectionString, string corpus, long rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var exists = await PgBench.CountAsync(connection, $"SELECT count(*) FROM pg_class WHERE relname = '{PgBench.SourceTable}'") > 0;
        if (exists && await PgBench.CountAsync(connection, $"SELECT count(*) FROM {PgBench.SourceTable}") == rows)
        {
            return;
        }

        var packages = await ReadCorpusAsync(corpus);
        await PgBench.ExecuteAsync(connection, $"DROP TABLE IF EXISTS {PgBench.SourceTable}");
        await PgBench.ExecuteAsync(connection, $"CREATE TABLE {PgBench.SourceTable} (id bigint PRIMARY KEY, title text, body text)");
        await using (var importer = await connection.BeginBinaryImportAsync($"COPY {PgBench.SourceTable} (id, title, body) FROM STDIN (FORMAT BINARY)"))
        {
            for (long id = 1; id <= rows; id++)
            {
                var (title, body) = packages[(int)((id - 1) % packages.Count)];
                await importer.StartRowAsync();
                await importer.WriteAsync(id, NpgsqlDbType.Bigint);
                await importer.WriteAsync(title, NpgsqlDbType.Text);
                await importer.WriteAsync(body, NpgsqlDbType.Text);
            }

            await importer.CompleteAsync();
        }

        await PgBench.ExecuteAsync(connection, $"VACUUM ANALYZE {PgBench.SourceTable}");
        Console.Error.WriteLine($"source table {PgBench.SourceTable}: {rows.ToString("N0", CultureInfo.InvariantCulture)} rows");
    }

    private static async Task<List<(string Title, string Body)>> ReadCorpusAsync(string corpus)
    {
        var packages = new List<(string, string)>();
        await using var stream = new GZipStream(File.OpenRead(corpus), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync() is { } line)
        {
            var root = JsonDocument.Parse(line).RootElement;
            packages.Add(($"{root.GetProperty("id").GetString()}: {root.GetProperty("summary").GetString()}", root.GetProperty("description").GetString() ?? ""));
        }

        return packages;
    }
}
