using Microsoft.Extensions.Logging;

namespace Reembed.Postgres.Sink;

/// <summary>Source-generated log messages of the postgres target's index handling.</summary>
internal static partial class PgIndexLog
{
    [LoggerMessage(101, LogLevel.Warning,
        "column {Column} of table {Table} has the {Kind} index {Index}: every row this backfill updates also updates that index, " +
        "which makes the load several times slower and bloats the index; set target.deferIndex to drop it for the load and " +
        "recreate it CONCURRENTLY at completion (queries run without it meanwhile)")]
    public static partial void LiveIndex(ILogger logger, string column, string table, string kind, string index);

    [LoggerMessage(102, LogLevel.Information, "dropped index {Index} of table {Table} for the load; it is recreated CONCURRENTLY at completion")]
    public static partial void Deferred(ILogger logger, string index, string table);

    [LoggerMessage(103, LogLevel.Information, "building the index of table {Table} with maintenance_work_mem {Memory}: {Sql}")]
    public static partial void Building(ILogger logger, string table, string memory, string sql);
}
