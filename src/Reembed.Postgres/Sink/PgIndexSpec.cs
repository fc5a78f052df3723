using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Sink;

/// <summary>A validated <see cref="PostgresIndexOptions"/>: every part that reaches SQL is checked here, once, at open.</summary>
internal sealed partial record PgIndexSpec(string Kind, string Ops, int? M, int? EfConstruction, int? Lists, string MaintenanceWorkMem, string Name)
{
    private const int MaxNameLength = 63;

    /// <summary>The spec of <paramref name="options"/>, or null when it asks for no index.</summary>
    /// <exception cref="ReembedException"><see cref="ErrorKind.Config"/> naming the <c>target.index.*</c> key at fault.</exception>
    public static PgIndexSpec? Resolve(PostgresSinkOptions options, PgTableName table)
    {
        if (options.Index is not { } index)
        {
            return null;
        }

        if (!PgVectorColumn.NeedsExtension(options.VectorType))
        {
            throw ReembedException.Config("target.index", "real[] columns have no ANN index: use vectorType vector or halfvec, or drop target.index");
        }

        var kind = index.Kind?.Trim().ToLowerInvariant();
        if (kind is not ("hnsw" or "ivfflat"))
        {
            throw ReembedException.Config("target.index.type", $"'{index.Kind}' is not an index kind: use hnsw or ivfflat");
        }

        var ops = index.Ops ?? PgVectorColumn.Display(options.VectorType) + "_cosine_ops";
        if (!PgIdentifier.IsValid(ops))
        {
            throw ReembedException.Config("target.index.ops", $"'{ops}' is not an operator class name, e.g. vector_cosine_ops");
        }

        if (kind == "hnsw")
        {
            Refuse(index.Lists, "target.index.lists", "applies to ivfflat only; hnsw takes m and efConstruction");
            Check(index.M, 2, 100, "target.index.m");
            Check(index.EfConstruction, 4, 1000, "target.index.efConstruction");
            if (index.EfConstruction < 2 * (index.M ?? 16))
            {
                throw ReembedException.Config("target.index.efConstruction", $"{index.EfConstruction} is less than 2·m ({2 * (index.M ?? 16)})");
            }
        }
        else
        {
            Refuse(index.M, "target.index.m", "applies to hnsw only; ivfflat takes lists");
            Refuse(index.EfConstruction, "target.index.efConstruction", "applies to hnsw only; ivfflat takes lists");
            Check(index.Lists, 1, 32768, "target.index.lists");
        }

        var memory = index.MaintenanceWorkMem?.Trim() ?? "";
        if (!MemoryPattern().IsMatch(memory))
        {
            throw ReembedException.Config("target.index.maintenanceWorkMem", $"'{index.MaintenanceWorkMem}' is not a memory size, e.g. 512MB or 1GB");
        }

        return new PgIndexSpec(kind, ops, index.M, index.EfConstruction, index.Lists, memory, NameFor(table.Name, options.VectorColumn, kind));
    }

    /// <summary>The <c>WITH (…)</c> clause, or empty for pgvector's defaults; <paramref name="rows"/> sizes ivfflat's lists when not given.</summary>
    public string WithClause(long rows)
    {
        var parameters = new List<string>();
        if (Kind == "hnsw")
        {
            Add("m", M);
            Add("ef_construction", EfConstruction);
        }
        else
        {
            Add("lists", Lists ?? (int)Math.Clamp(rows <= 1_000_000 ? rows / 1000 : (long)Math.Sqrt(rows), 1, 32768));
        }

        return parameters.Count == 0 ? "" : $" WITH ({string.Join(", ", parameters)})";

        void Add(string name, int? value)
        {
            if (value is { } v)
            {
                parameters.Add(name + " = " + v.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary><c>&lt;table&gt;_&lt;column&gt;_&lt;kind&gt;</c>, shortened with a hash where PostgreSQL would truncate it.</summary>
    internal static string NameFor(string table, string column, string kind)
    {
        var name = $"{table}_{column}_{kind}";
        if (name.Length <= MaxNameLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return name[..(MaxNameLength - 9)] + "_" + hash;
    }

    private static void Check(int? value, int min, int max, string key)
    {
        if (value is { } v && (v < min || v > max))
        {
            throw ReembedException.Config(key, $"{v.ToString(CultureInfo.InvariantCulture)} is out of range: use {min}–{max}");
        }
    }

    private static void Refuse(int? value, string key, string why)
    {
        if (value is not null)
        {
            throw ReembedException.Config(key, why);
        }
    }

    [GeneratedRegex("^[0-9]{1,9} ?(kB|MB|GB|TB)?$", RegexOptions.CultureInvariant)]
    private static partial Regex MemoryPattern();
}
