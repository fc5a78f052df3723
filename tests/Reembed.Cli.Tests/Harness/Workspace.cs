using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Reembed.Tests;

/// <summary>A temporary folder with a config, a corpus and, after a run, a target to inspect.</summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Dir = Path.Combine(Path.GetTempPath(), "reembed-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Dir);
    }

    public string Dir { get; }

    public string ConfigPath => Path.Combine(Dir, "reembed.json");

    public string CorpusPath => Path.Combine(Dir, "data", "docs.jsonl");

    public string TargetPath => Path.Combine(Dir, "out", "vectors.db");

    public static string SharedCorpus
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reembed.slnx")))
            {
                dir = dir.Parent;
            }

            var path = Path.Combine(dir?.Parent?.FullName ?? "/", "shared", "data", "debian-packages.jsonl.gz");
            return File.Exists(path) ? path : throw new FileNotFoundException("the shared Debian corpus is missing", path);
        }
    }

    /// <summary>The first <paramref name="count"/> Debian records as JSON objects.</summary>
    public static List<JsonObject> Records(int count)
    {
        using var stream = new GZipStream(File.OpenRead(SharedCorpus), CompressionMode.Decompress);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var records = new List<JsonObject>(count);
        while (records.Count < count && reader.ReadLine() is { } line)
        {
            records.Add(JsonNode.Parse(line)!.AsObject());
        }

        return records;
    }

    public void WriteCorpus(IEnumerable<JsonObject> records) =>
        WriteLines(records.Select(static record => record.ToJsonString()));

    public void WriteLines(IEnumerable<string> lines)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(CorpusPath)!);
        File.WriteAllLines(CorpusPath, lines);
    }

    /// <summary>Writes a jsonl → sqlite config with the hashing embedder; <paramref name="tweak"/> edits it.</summary>
    public void WriteConfig(Action<JsonObject>? tweak = null, string fileName = "reembed.json")
    {
        var config = new JsonObject
        {
            ["source"] = new JsonObject { ["type"] = "jsonl", ["path"] = "data/docs.jsonl", ["id"] = "id", ["text"] = "{summary}\n\n{description}" },
            ["target"] = new JsonObject { ["type"] = "sqlite", ["path"] = "out/vectors.db", ["table"] = "docs_vectors" },
            ["embedder"] = new JsonObject { ["type"] = "hashing", ["dimensions"] = 384 },
            ["mode"] = "missing",
        };
        tweak?.Invoke(config);
        File.WriteAllText(Path.Combine(Dir, fileName), "// written by a test\n" + config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>The sqlite target: id → (vector bytes, content hash, space).</summary>
    public Dictionary<string, (byte[] Vector, string Hash, string Space)> ReadTarget(string table = "docs_vectors")
    {
        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = TargetPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, vector, content_hash, space FROM \"{table}\"";
        return ReadRows(command);
    }

    /// <summary>The names of the tables in the sqlite target.</summary>
    public List<string> TargetTables()
    {
        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = TargetPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static Dictionary<string, (byte[] Vector, string Hash, string Space)> ReadRows(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            rows.Add(reader.GetString(0), ((byte[])reader[1], reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is cleaned eventually.
        }
    }
}
