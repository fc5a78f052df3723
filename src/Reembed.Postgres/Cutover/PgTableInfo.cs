namespace Reembed.Postgres.Cutover;

/// <summary>A table of a cut-over target as the catalog and a glance at its rows describe it.</summary>
/// <param name="Relation">Its unqualified name.</param>
/// <param name="SpaceId">The vector column's space tag, else the space of a row; null when neither says.</param>
/// <param name="Rows">Its row count when counted, else 1 when it has rows and 0 when it has none.</param>
internal sealed record PgTableInfo(string Relation, uint Oid, string? SpaceId, long Rows)
{
    public bool IsEmptyAndUntagged => Rows == 0 && SpaceId is null;
}
