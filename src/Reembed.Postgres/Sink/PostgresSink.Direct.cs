using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Reembed.Postgres.Sink;

/// <remarks>
/// The direct path: a shadow <c>real[]</c> table is loaded by binary COPY straight into it, one
/// statement a batch, which is atomic on its own. That is an upsert exactly when none of the batch's
/// keys is there yet, which holds for a table this job created and fills. When a key is there (a batch
/// redone after a crash, a rerun in <c>changed</c> or <c>all</c> mode, a batch repeating a key), the
/// COPY fails whole on the primary key, nothing of it stays, and the batch takes the staging upsert
/// instead. Each conflict doubles how many batches go straight to staging before direct is tried again,
/// so a table full of the keys being written costs a wasted COPY only every 64 batches.
/// </remarks>
internal sealed partial class PostgresSink
{
    private const int MaxDirectBackoff = 64;

    private static readonly HashSet<string> DirectIdTypes = new(StringComparer.Ordinal) { "text", "bigint", "integer", "uuid" };

    private bool _direct;
    private int _directHold;
    private int _directBackoff = 1;

    /// <summary>Batches written by the direct COPY, and direct attempts that met a key already there.</summary>
    internal (long Written, long Conflicts) DirectCounts { get; private set; }

    /// <summary>
    /// Whether batches may go straight into the table: a shadow table of <c>real[]</c> (a pgvector column
    /// has another binary format, and PGlite has no COPY) whose id type the direct path can write.
    /// </summary>
    private void DecideDirectPath() =>
        _direct = !_inPlace && _options.VectorType == PostgresVectorType.RealArray && _useCopy != false && DirectIdTypes.Contains(_idType);

    private bool TakesDirectPath(IReadOnlyList<VectorRecord> records)
    {
        if (!_direct || _useCopy == false)
        {
            return false;
        }

        if (_directHold > 0)
        {
            _directHold--;
            return false;
        }

        // A key that is not a valid id of the column takes the staging path, which reports it as it always has.
        for (var i = 0; i < records.Count; i++)
        {
            if (!IsDirectId(records[i].Key))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// One binary COPY of the batch into the table. True when written; null when a key was already there
    /// (nothing written: stage and upsert instead); false when a first COPY failed and the batch should be redone without it.
    /// </summary>
    private async ValueTask<bool?> TryWriteDirectAsync(
        NpgsqlConnection connection, IReadOnlyList<VectorRecord> records, EmbeddingSpace space, CancellationToken cancellationToken)
    {
        try
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                $"COPY {_table.Quoted} ({_id}, {_vector}, content_hash, space) FROM STDIN (FORMAT BINARY)", cancellationToken);
            for (var i = 0; i < records.Count; i++)
            {
                var record = records[i];
                await importer.StartRowAsync(cancellationToken);
                await WriteIdAsync(importer, record.Key, cancellationToken);
                await WriteRealArrayAsync(importer, record.Vector, cancellationToken);
                await importer.WriteAsync(record.ContentHash, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(space.Id, NpgsqlDbType.Text, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            _directHold = _directBackoff;
            _directBackoff = Math.Min(_directBackoff * 2, MaxDirectBackoff);
            DirectCounts = (DirectCounts.Written, DirectCounts.Conflicts + 1);
            return null;
        }
        catch (Exception ex) when (_useCopy is null && ex is NpgsqlException or IOException or NotSupportedException or InvalidOperationException)
        {
            return false;
        }

        _useCopy = true;
        _directBackoff = 1;
        DirectCounts = (DirectCounts.Written + 1, DirectCounts.Conflicts);
        return true;
    }

    private bool IsDirectId(string key) => _idType switch
    {
        "bigint" => long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        "integer" => int.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),

        // Only the canonical form: PostgreSQL reads a few others, but not all that Guid.TryParse does.
        "uuid" => Guid.TryParseExact(key, "D", out _),
        _ => true,
    };

    private ValueTask WriteIdAsync(NpgsqlBinaryImporter importer, string key, CancellationToken cancellationToken) => _idType switch
    {
        "bigint" => new(importer.WriteAsync(long.Parse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), NpgsqlDbType.Bigint, cancellationToken)),
        "integer" => new(importer.WriteAsync(int.Parse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), NpgsqlDbType.Integer, cancellationToken)),
        "uuid" => new(importer.WriteAsync(Guid.ParseExact(key, "D"), NpgsqlDbType.Uuid, cancellationToken)),
        _ => new(importer.WriteAsync(key, NpgsqlDbType.Text, cancellationToken)),
    };
}
