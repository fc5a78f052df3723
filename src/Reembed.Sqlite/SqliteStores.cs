using Reembed.Providers;

namespace Reembed.Sqlite;

/// <summary>Creates the <c>sqlite</c> source and target.</summary>
public static class SqliteStores
{
    /// <summary>Registers the <c>sqlite</c> store: source, target, and the embedded default state store and cache.</summary>
    public static ReembedBuilder AddSqlite(this ReembedBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStore(new SqliteStoreProvider());
    }

    /// <summary>A source reading one table in id order, sharded by id range. Call <see cref="RecordSource.OpenAsync"/> first.</summary>
    public static RecordSource CreateSource(SqliteSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqliteSource(options);
    }

    /// <summary>A target upserting vectors by id into one table. Call <see cref="VectorSink.OpenAsync"/> first.</summary>
    public static VectorSink CreateSink(SqliteSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SqliteSink(options);
    }

    /// <summary>
    /// Shadow cut-over for the table <see cref="SqliteSinkOptions.Table"/> (the live one): shadows are tables
    /// named <c>{table}__reembed_{spaceId}</c> in the same file, swapped in by rename in one transaction.
    /// </summary>
    /// <exception cref="ReembedException">With <see cref="ErrorKind.Config"/> when the table name is invalid.</exception>
    /// <param name="time">Stamps the journal's steps.</param>
    public static CutoverTarget CreateCutover(SqliteSinkOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return new SqliteCutoverTarget(options, time);
    }
}
