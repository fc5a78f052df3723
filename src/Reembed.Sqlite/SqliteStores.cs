namespace Reembed.Sqlite;

/// <summary>Creates the <c>sqlite</c> source and target.</summary>
public static class SqliteStores
{
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
}
