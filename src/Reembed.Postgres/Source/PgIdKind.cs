namespace Reembed.Postgres.Source;

/// <summary>The id column types a source can page by.</summary>
internal enum PgIdKind
{
    Integer,
    Uuid,
    Text,
}
