using System.Buffers.Binary;
using System.Data;
using System.Runtime.InteropServices;
using Npgsql;
using NpgsqlTypes;

namespace Reembed.Postgres.Sink;

internal sealed partial class PostgresSink
{
    /// <summary>The <c>pg_type</c> oid of <c>real</c> (float4), fixed in every PostgreSQL.</summary>
    private const int Float4Oid = 700;

    /// <summary>One row's vector in the binary wire format of a <c>real[]</c>, reused row after row (writes are serialised).</summary>
    private byte[] _arrayBytes = [];

    public override async ValueTask<string?> WriteAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var space = _space ?? throw new InvalidOperationException("OpenAsync must be called first.");
        foreach (var record in records)
        {
            if (record.Vector.Length != space.Dimensions)
            {
                throw new ArgumentException(
                    $"record '{record.Key}' has {record.Vector.Length} dimensions; the space has {space.Dimensions}", nameof(records));
            }
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                var connection = _writer ??= await ReopenAsync(cancellationToken);
                try
                {
                    var written = TakesDirectPath(records)
                        ? await TryWriteDirectAsync(connection, records, space, cancellationToken)
                        : null;
                    if (written ?? await TryWriteBatchAsync(connection, records, space, cancellationToken))
                    {
                        return null;
                    }
                }
                catch (NpgsqlException ex)
                {
                    await DropBrokenWriterAsync();
                    throw _server!.Error(ex, "target.table", $"cannot write table {_table.Display} on");
                }

                // COPY was being tried and failed (some proxies and embedded servers cannot do it):
                // the connection may be unusable, so the batch is redone over a fresh one with INSERT.
                _useCopy = false;
                await _writer.DisposeAsync();
                _writer = null;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Writes <paramref name="vector"/> as one <c>real[]</c> field of a binary COPY. The wire format is
    /// built here in one pass: Npgsql's array converter writes element by element through an async
    /// state machine, which measured as the largest single cost of the client during a load.
    /// </summary>
    private async ValueTask WriteRealArrayAsync(NpgsqlBinaryImporter importer, ReadOnlyMemory<float> vector, CancellationToken cancellationToken)
    {
        var length = RealArrayLength(vector.Length);
        if (_arrayBytes.Length != length)
        {
            _arrayBytes = new byte[length];
        }

        EncodeRealArray(vector.Span, _arrayBytes);

        // A binary COPY sends each field as length + bytes whatever its declared type; the server reads
        // these bytes with the column's own receive function, array_recv for real[].
        await importer.WriteAsync(_arrayBytes, NpgsqlDbType.Bytea, cancellationToken);
    }

    /// <summary>Bytes of a one-dimensional <c>real[]</c> of <paramref name="dimensions"/> elements in binary format.</summary>
    internal static int RealArrayLength(int dimensions) => 20 + (8 * dimensions);

    /// <summary>
    /// <paramref name="values"/> in array_recv's layout: ndim, has-nulls flag, element type, then (length,
    /// lower bound) per dimension, then (byte length, value) per element, all big-endian.
    /// </summary>
    internal static void EncodeRealArray(ReadOnlySpan<float> values, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, 1);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], 0);
        BinaryPrimitives.WriteInt32BigEndian(destination[8..], Float4Oid);
        BinaryPrimitives.WriteInt32BigEndian(destination[12..], values.Length);
        BinaryPrimitives.WriteInt32BigEndian(destination[16..], 1);
        var elements = destination[20..RealArrayLength(values.Length)];
        for (var i = 0; i < values.Length; i++)
        {
            var at = elements.Slice(8 * i, 8);
            BinaryPrimitives.WriteInt32BigEndian(at, sizeof(float));
            BinaryPrimitives.WriteSingleBigEndian(at[4..], values[i]);
        }
    }

    private async ValueTask<NpgsqlConnection> ReopenAsync(CancellationToken cancellationToken)
    {
        var connection = await _server!.OpenAsync(cancellationToken);
        try
        {
            await CreateStagingAsync(connection, cancellationToken);
            return connection;
        }
        catch (NpgsqlException ex)
        {
            await connection.DisposeAsync();
            throw _server.Error(ex, "target.table", $"cannot write table {_table.Display} on");
        }
    }

    private async ValueTask DropBrokenWriterAsync()
    {
        if (_writer is { } writer && (writer.FullState.HasFlag(ConnectionState.Broken) || writer.State != ConnectionState.Open))
        {
            await writer.DisposeAsync();
            _writer = null;
        }
    }

    private static float[] AsArray(ReadOnlyMemory<float> vector) =>
        MemoryMarshal.TryGetArray(vector, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : vector.ToArray();
}
