using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reembed.Tests.Cutover;

/// <summary>
/// A workspace holding a live target embedded by one hashing model (<c>old.json</c>: 256 dims, words) and a
/// migration config (<c>new.json</c>) that writes another model into a shadow with <c>target.cutover: shadow</c>.
/// </summary>
internal sealed class Migration : IDisposable
{
    public const string OldConfig = "old.json";
    public const string NewConfig = "new.json";
    public const string LiveTable = "docs_vectors";

    public Migration(int records, string targetType = "sqlite")
    {
        TargetType = targetType;
        Workspace.WriteCorpus(Workspace.Records(records));
        WriteOld();
        WriteNew(new JsonObject { ["type"] = "hashing", ["dimensions"] = 384, ["features"] = new JsonArray("char3", "char4") });
    }

    public Workspace Workspace { get; } = new();

    public string TargetType { get; }

    public string JsonlLive => Path.Combine(Workspace.Dir, "out", "vectors.jsonl");

    public void WriteNew(JsonObject embedder, Action<JsonObject>? tweak = null) => Workspace.WriteConfig(config =>
    {
        config["target"] = Target(shadow: true);
        config["embedder"] = embedder;
        tweak?.Invoke(config);
    }, NewConfig);

    public Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(Workspace.Dir, args);

    public Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        CliProcess.RunAsync(Workspace.Dir, environment, args);

    /// <summary>Runs the old model into the live target, then the new one into its shadow; both must finish cleanly.</summary>
    public async Task EmbedBothAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        (await RunAsync("run", OldConfig)).AssertExit(0);
        (await RunAsync(environment ?? new Dictionary<string, string>(), "run", NewConfig)).AssertExit(0);
    }

    /// <summary>What a plain reader of the live name sees: key → (vector bytes, space).</summary>
    public Dictionary<string, (string Vector, string Space)> ReadLive() => Read(TargetType == "jsonl" ? JsonlLive : LiveTable);

    /// <summary>The contents of a table (sqlite) or file (jsonl) of the target by name or path.</summary>
    public Dictionary<string, (string Vector, string Space)> Read(string tableOrPath)
    {
        if (TargetType == "jsonl")
        {
            var path = Path.IsPathRooted(tableOrPath) ? tableOrPath : Path.Combine(Workspace.Dir, "out", tableOrPath);
            var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(path).Where(static l => l.Length > 0))
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                rows[root.GetProperty("id").GetString()!] = (root.GetProperty("vector").GetRawText(), root.GetProperty("space").GetString()!);
            }

            return rows;
        }

        return Workspace.ReadTarget(tableOrPath).ToDictionary(
            static pair => pair.Key, static pair => (Convert.ToBase64String(pair.Value.Vector), pair.Value.Space), StringComparer.Ordinal);
    }

    public void Dispose() => Workspace.Dispose();

    private void WriteOld() => Workspace.WriteConfig(config =>
    {
        config["target"] = Target(shadow: false);
        config["embedder"] = new JsonObject { ["type"] = "hashing", ["dimensions"] = 256, ["features"] = new JsonArray("words") };
    }, OldConfig);

    private JsonObject Target(bool shadow)
    {
        var target = TargetType == "jsonl"
            ? new JsonObject { ["type"] = "jsonl", ["path"] = "out/vectors.jsonl" }
            : new JsonObject { ["type"] = "sqlite", ["path"] = "out/vectors.db", ["table"] = LiveTable };
        if (shadow)
        {
            target["cutover"] = "shadow";
        }

        return target;
    }
}
