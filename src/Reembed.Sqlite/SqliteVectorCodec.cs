using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Reembed.Sqlite;

/// <summary>The stored vector format: little-endian float32, whatever the machine's byte order.</summary>
internal static class SqliteVectorCodec
{
    public static void Encode(ReadOnlySpan<float> vector, Span<byte> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(vector).CopyTo(destination);
            return;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[(i * sizeof(float))..], vector[i]);
        }
    }

    public static float[] Decode(ReadOnlySpan<byte> bytes)
    {
        var vector = new float[bytes.Length / sizeof(float)];
        if (BitConverter.IsLittleEndian)
        {
            bytes[..(vector.Length * sizeof(float))].CopyTo(MemoryMarshal.AsBytes(vector.AsSpan()));
            return vector;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * sizeof(float))..]);
        }

        return vector;
    }
}
