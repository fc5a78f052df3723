using Reembed.Providers;

namespace Reembed.Postgres;

internal sealed partial class PostgresStoreProvider
{
    public override SourceSpec BindSource(ConfigSection section, StoreBindingContext context)
    {
        section.RejectUnknownKeys("connectionStringEnv", "table", "query", "id", "text", "where");
        var env = section.RequiredConnectionEnv("connectionStringEnv");
        var table = section.String("table");
        var query = section.String("query");
        if (string.IsNullOrWhiteSpace(table) == string.IsNullOrWhiteSpace(query))
        {
            throw ReembedException.Config(section.Key("table"), "set exactly one of source.table and source.query");
        }

        var spec = new PostgresSourceSpec
        {
            ConnectionStringEnv = env,
            Table = table,
            Query = query,
            Id = section.String("id") ?? "id",
            Text = TextTemplate.Parse(section.String("text", required: true)!, section.Key("text")),
            Where = section.String("where"),
        };
        section.RejectUnknownKeys();
        return spec;
    }

    /// <summary>
    /// In place when the target names the source's own table on the same connection (the same variable);
    /// a shadow table otherwise. The connection variable defaults to the source's.
    /// </summary>
    public override TargetSpec BindTarget(ConfigSection section, bool shadowCutover, StoreBindingContext context)
    {
        section.RejectUnknownKeys("connectionStringEnv", "table", "vector", "vectorType", "loadPath", "index", "deferIndex");
        var source = context.Source as PostgresSourceSpec;
        var env = section.EnvName("connectionStringEnv")
            ?? source?.ConnectionStringEnv
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
        var spec = new PostgresTargetSpec
        {
            ConnectionStringEnv = env,
            Table = table,
            Vector = section.String("vector") ?? "embedding",
            VectorType = vectorType,
            LoadPath = loadPath,
            IsInPlace = source is not null && source.ConnectionStringEnv == env && SameTable(source.Table, table),
            Index = section.Section("index") is { } index ? BindIndex(index, context) : null,
            DeferIndex = section.Bool("deferIndex") ?? false,
            ShadowCutover = shadowCutover,
        };
        section.RejectUnknownKeys();
        return spec;
    }

    public override StateSpec BindState(ConfigSection section, StoreBindingContext context)
    {
        var spec = new PostgresStateSpec { ConnectionStringEnv = section.RequiredConnectionEnv("connectionStringEnv"), Schema = Schema(section) };
        section.RejectUnknownKeys();
        return spec;
    }

    public override CacheSpec BindCache(ConfigSection section, bool enabled, TimeSpan? ttl, string defaultPath, StoreBindingContext context)
    {
        section.RejectUnknownKeys("connectionStringEnv", "schema");
        var spec = new PostgresCacheSpec
        {
            Enabled = enabled,
            Ttl = ttl,
            ConnectionStringEnv = section.RequiredConnectionEnv("connectionStringEnv"),
            Schema = Schema(section),
        };
        section.RejectUnknownKeys();
        return spec;
    }

    /// <summary>
    /// <c>target.index</c>; values are checked against the server's catalog when the target opens. <c>type</c> picks the
    /// index like every other section; the older <c>kind</c> is still read, with a warning naming <c>type</c>.
    /// </summary>
    private static PostgresIndexOptions BindIndex(ConfigSection section, StoreBindingContext context)
    {
        section.RejectUnknownKeys("type", "kind", "ops", "m", "efConstruction", "lists", "maintenanceWorkMem");
        var type = section.String("type");
        if (section.String("kind") is { } kind)
        {
            if (type is not null)
            {
                throw ReembedException.Config(section.Key("kind"), $"replaced by {section.Key("type")}: set only {section.Key("type")}");
            }

            context.Warn?.Invoke($"{section.Key("kind")} is deprecated: write \"{section.Key("type")}\": \"{kind}\"");
            type = kind;
        }

        var defaults = new PostgresIndexOptions();
        var index = new PostgresIndexOptions
        {
            Kind = type ?? defaults.Kind,
            Ops = section.String("ops"),
            M = section.Int("m", 2, 100),
            EfConstruction = section.Int("efConstruction", 4, 1000),
            Lists = section.Int("lists", 1, 32_768),
            MaintenanceWorkMem = section.String("maintenanceWorkMem") ?? defaults.MaintenanceWorkMem,
        };
        section.RejectUnknownKeys();
        return index;
    }

    private static string Schema(ConfigSection section) => section.String("schema") ?? PostgresStateSpec.DefaultSchema;

    private static bool SameTable(string? sourceTable, string targetTable) =>
        sourceTable is not null && Unqualified(sourceTable) == Unqualified(targetTable);

    private static string Unqualified(string table) =>
        table.StartsWith("public.", StringComparison.Ordinal) ? table["public.".Length..] : table;
}
