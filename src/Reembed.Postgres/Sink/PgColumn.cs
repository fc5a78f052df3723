namespace Reembed.Postgres.Sink;

/// <summary>A column as the catalog describes it.</summary>
/// <param name="TypeName">The base type name, e.g. <c>vector</c>, <c>_float4</c>, <c>int8</c>.</param>
/// <param name="TypeMod">The type modifier: a pgvector column's dimensions, or -1.</param>
/// <param name="Formatted">The full SQL type, e.g. <c>vector(384)</c>, <c>character varying(64)</c>.</param>
internal sealed record PgColumn(string Name, string TypeName, int TypeMod, string Formatted, string? Comment);
