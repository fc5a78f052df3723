using System.Globalization;

namespace Reembed.Postgres.Sink;

/// <summary>The SQL of each vector column type: its declaration, the cast from staged <c>real[]</c>, and its length.</summary>
internal static class PgVectorColumn
{
    public static bool NeedsExtension(PostgresVectorType type) => type != PostgresVectorType.RealArray;

    /// <summary>The type name in <c>pg_type</c>.</summary>
    public static string CatalogName(PostgresVectorType type) => type switch
    {
        PostgresVectorType.Vector => "vector",
        PostgresVectorType.HalfVec => "halfvec",
        _ => "_float4",
    };

    public static string Display(PostgresVectorType type) => type switch
    {
        PostgresVectorType.Vector => "vector",
        PostgresVectorType.HalfVec => "halfvec",
        _ => "real[]",
    };

    public static string Declaration(PostgresVectorType type, int dimensions) => type switch
    {
        PostgresVectorType.RealArray => "real[]",
        _ => $"{Display(type)}({dimensions.ToString(CultureInfo.InvariantCulture)})",
    };

    /// <summary>What follows a staged <c>real[]</c> expression to make it the column's type.</summary>
    public static string Cast(PostgresVectorType type, int dimensions) =>
        type == PostgresVectorType.RealArray ? "" : "::" + Declaration(type, dimensions);

    /// <summary>An expression giving the number of dimensions of <paramref name="quotedColumn"/>.</summary>
    public static string Length(PostgresVectorType type, string quotedColumn) =>
        type == PostgresVectorType.RealArray ? $"cardinality({quotedColumn})" : $"vector_dims({quotedColumn})";
}
