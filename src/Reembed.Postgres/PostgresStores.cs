using Microsoft.Extensions.Logging;
using Reembed.Providers;
using Reembed.Postgres.Cutover;
using Reembed.Postgres.Sink;
using Reembed.Postgres.Source;

namespace Reembed.Postgres;

/// <summary>Creates the <c>postgres</c> source and target.</summary>
public static class PostgresStores
{
    /// <summary>Registers the <c>postgres</c> store: source, target (shadow table or in place), state store and cache.</summary>
    public static ReembedBuilder AddPostgres(this ReembedBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddStore(new PostgresStoreProvider());
    }

    /// <summary>A source reading a table or query in id order, sharded by id range. Call <see cref="RecordSource.OpenAsync"/> first.</summary>
    public static RecordSource CreateSource(PostgresSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PostgresSource(options);
    }

    /// <summary>
    /// A target writing vectors into a new table (shadow) or a column of the source table (in place).
    /// Call <see cref="VectorSink.OpenAsync"/> first.
    /// </summary>
    /// <param name="options">Where and how to write.</param>
    /// <param name="logger">Receives the warning about a live ANN index under an in-place backfill, and index builds; null for none.</param>
    public static VectorSink CreateSink(PostgresSinkOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PostgresSink(options, logger);
    }

    /// <summary>
    /// Shadow cut-over of a postgres target. Shadow shape: <paramref name="options"/>.<see cref="PostgresSinkOptions.Table"/> is the
    /// LIVE table (id, vector, content_hash, space); shadows and demoted tables sit beside it in its schema. In place: the live
    /// vectors are the <see cref="PostgresSinkOptions.VectorColumn"/> of the source table, and shadows and demoted vectors are
    /// columns of that table named by <see cref="CutoverTarget.ShadowName"/> (each with its <c>_hash</c> column).
    /// </summary>
    /// <exception cref="ReembedException"><see cref="ErrorKind.Config"/> for an invalid name.</exception>
    /// <param name="time">Stamps the journal's steps.</param>
    public static CutoverTarget CreateCutover(PostgresSinkOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return options.Shape == PostgresTargetShape.InPlace
            ? new PostgresColumnCutover(options, time)
            : new PostgresCutover(options, time);
    }

    /// <summary>
    /// The vectors of <paramref name="options"/>.<see cref="PostgresSinkOptions.Table"/> for verification: a shadow-shape
    /// table, or in place the <see cref="PostgresSinkOptions.VectorColumn"/> of the source table (rows without a vector skipped).
    /// Searchable by pgvector when the column is <c>vector</c> or <c>halfvec</c>.
    /// </summary>
    public static VectorCollection CreateCollection(PostgresSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new PostgresVectorCollection(options);
    }
}
