using System.Text.Json;
using Reembed.Postgres;

namespace Reembed.Cli;

internal static partial class ConfigLoader
{
    private static SourceSpec BindPostgresSource(ConfigSection section)
    {
        section.RejectUnknownKeys("connectionStringEnv", "table", "query", "id", "text", "where");
        var env = RequiredEnvName(section, "connectionStringEnv");
        var table = section.String("table");
        var query = section.String("query");
        if (string.IsNullOrWhiteSpace(table) == string.IsNullOrWhiteSpace(query))
        {
            throw ReembedException.Config(section.Key("table"), "set exactly one of source.table and source.query");
        }

        var text = TextTemplate.Parse(section.String("text", required: true)!, section.Key("text"));
        var spec = new SourceSpec("postgres", null, section.String("id") ?? "id", text, table, section.String("where"))
        {
            Query = query,
            ConnectionStringEnv = env,
        };
        section.RejectUnknownKeys();
        return spec;
    }

    /// <summary>
    /// In place when the target names the source's own table on the same connection (the same variable);
    /// a shadow table otherwise.
    /// </summary>
    private static TargetSpec BindPostgresTarget(ConfigSection section, SourceSpec source)
    {
        section.RejectUnknownKeys("connectionStringEnv", "table", "vector", "vectorType", "loadPath", "index", "deferIndex", "cutover");
        var env = EnvName(section, "connectionStringEnv")
            ?? source.ConnectionStringEnv
            ?? throw ReembedException.Config(section.Key("connectionStringEnv"), "is required (the source is not postgres, so there is none to share)");
        var table = section.String("table", required: true)!;
        var vectorType = section.String("vectorType") is { } typeName
            ? PostgresSinkOptions.ParseVectorType(typeName, section.Key("vectorType"))
            : PostgresVectorType.Vector;
        var loadPath = section.String("loadPath") switch
        {
            null or "auto" => PostgresLoadPath.Auto,
            "copy" => PostgresLoadPath.Copy,
            "insert" => PostgresLoadPath.Insert,
            var other => throw ReembedException.Config(section.Key("loadPath"), $"unknown load path '{other}' (known: auto, copy, insert)"),
        };
        var spec = new TargetSpec("postgres", null, table)
        {
            ConnectionStringEnv = env,
            Vector = section.String("vector") ?? "embedding",
            VectorType = vectorType,
            LoadPath = loadPath,
            InPlace = source.Type == "postgres" && source.ConnectionStringEnv == env && SameTable(source.Table, table),
            Index = section.Section("index") is { } index ? BindIndex(index) : null,
            DeferIndex = section.Bool("deferIndex") ?? false,
            ShadowCutover = BindCutover(section),
        };
        section.RejectUnknownKeys();
        return spec;
    }

    /// <summary><c>target.index</c>; values are checked against the server's catalog when the target opens.</summary>
    private static PostgresIndexOptions BindIndex(ConfigSection section)
    {
        section.RejectUnknownKeys("kind", "ops", "m", "efConstruction", "lists", "maintenanceWorkMem");
        var defaults = new PostgresIndexOptions();
        var index = new PostgresIndexOptions
        {
            Kind = section.String("kind") ?? defaults.Kind,
            Ops = section.String("ops"),
            M = section.Int("m", 2, 100),
            EfConstruction = section.Int("efConstruction", 4, 1000),
            Lists = section.Int("lists", 1, 32_768),
            MaintenanceWorkMem = section.String("maintenanceWorkMem") ?? defaults.MaintenanceWorkMem,
        };
        section.RejectUnknownKeys();
        return index;
    }

    private static StateSpec BindState(ConfigSection root, string baseDirectory, ConfigOverrides overrides)
    {
        if (overrides.StatePath is { } overridden)
        {
            return StateSpec.Sqlite(Path.GetFullPath(overridden));
        }

        switch (root.Raw("state"))
        {
            case null:
                return StateSpec.Sqlite(Resolve(baseDirectory, Path.Combine(".reembed", "state.db")));
            case { ValueKind: JsonValueKind.String }:
                return StateSpec.Sqlite(Resolve(baseDirectory, root.String("state", required: true)!));
            case { ValueKind: not JsonValueKind.Object }:
                throw ReembedException.Config("state", "must be a file path or an object with a type (sqlite or postgres)");
        }

        var section = root.Section("state")!;
        var type = section.String("type") ?? "sqlite";
        StateSpec spec = type switch
        {
            "sqlite" => StateSpec.Sqlite(Resolve(baseDirectory, section.String("path") ?? Path.Combine(".reembed", "state.db"))),
            "postgres" => new StateSpec(type, null, RequiredEnvName(section, "connectionStringEnv"), Schema(section)),
            _ => throw ReembedException.Config(section.Key("type"), $"unknown state type '{type}' (known: sqlite, postgres)"),
        };
        section.RejectUnknownKeys();
        return spec;
    }

    private static CacheSpec BindPostgresCache(ConfigSection section, bool enabled, TimeSpan? ttl)
    {
        section.RejectUnknownKeys("enabled", "type", "ttlDays", "connectionStringEnv", "schema");
        var spec = new CacheSpec(enabled, null, ttl)
        {
            Type = "postgres",
            ConnectionStringEnv = RequiredEnvName(section, "connectionStringEnv"),
            Schema = Schema(section),
        };
        section.RejectUnknownKeys();
        return spec;
    }

    private static string Schema(ConfigSection section) => section.String("schema") ?? StateSpec.DefaultSchema;

    private static string RequiredEnvName(ConfigSection section, string key) =>
        EnvName(section, key) ?? throw ReembedException.Config(section.Key(key), "is required: the NAME of the environment variable holding the connection string");

    /// <summary><c>docs</c> and <c>public.docs</c> are one table; names keep their case, as the stores quote them.</summary>
    private static bool SameTable(string? sourceTable, string targetTable) =>
        sourceTable is not null && Unqualified(sourceTable) == Unqualified(targetTable);

    private static string Unqualified(string table) =>
        table.StartsWith("public.", StringComparison.Ordinal) ? table["public.".Length..] : table;
}
