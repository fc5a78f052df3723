namespace Reembed.Postgres.Cutover;

/// <summary>A vector column of an in-place cut-over target as the catalog and a glance at its values describe it.</summary>
/// <param name="Name">The column's name.</param>
/// <param name="SpaceId">The column's space tag; null when untagged.</param>
/// <param name="HasHash">Whether its <c>&lt;name&gt;_hash</c> companion exists.</param>
internal sealed record PgColumnInfo(string Name, string? SpaceId, bool HasHash)
{
    public string Hash => Name + "_hash";
}
