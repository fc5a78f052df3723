using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Reembed.Testing.Png;

namespace Reembed.Tests.Verification.Html;

/// <summary>
/// Writes PNGs for the decoder's tests, with a chosen filter per row. Its predictors are written out again here,
/// not borrowed from the decoder, so that a wrong predictor cannot cancel itself out in a round trip.
/// </summary>
internal static class TestPngEncoder
{
    public static readonly byte[] Signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>An 8-bit RGB (3 bytes a pixel) or RGBA (4) image; <paramref name="filterOfRow"/> picks each row's filter.</summary>
    public static byte[] Encode(int width, int height, byte[] pixels, bool alpha, Func<int, byte> filterOfRow, int idatChunks = 1)
    {
        var data = Compress(Filter(width, height, pixels, alpha ? 4 : 3, filterOfRow));
        var chunks = new List<byte[]> { Chunk("IHDR", Header(width, height, 8, alpha ? (byte)6 : (byte)2)) };
        var size = (data.Length + idatChunks - 1) / idatChunks;
        for (var at = 0; at < data.Length; at += size)
        {
            chunks.Add(Chunk("IDAT", data[at..Math.Min(data.Length, at + size)]));
        }

        chunks.Add(Chunk("IEND", []));
        return Assemble(chunks);
    }

    public static byte[] Header(int width, int height, byte depth, byte colourType, byte interlace = 0)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = depth;
        header[9] = colourType;
        header[12] = interlace;
        return header;
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        typeBytes.CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), PngCrc.Compute(typeBytes, data));
        return chunk;
    }

    public static byte[] Assemble(IEnumerable<byte[]> chunks) => [.. Signature, .. chunks.SelectMany(c => c)];

    public static byte[] Compress(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal))
        {
            zlib.Write(raw);
        }

        return buffer.ToArray();
    }

    private static byte[] Filter(int width, int height, byte[] pixels, int bpp, Func<int, byte> filterOfRow)
    {
        var stride = width * bpp;
        var output = new byte[height * (stride + 1)];
        for (var y = 0; y < height; y++)
        {
            var filter = filterOfRow(y);
            output[y * (stride + 1)] = filter;
            for (var i = 0; i < stride; i++)
            {
                int Raw(int row, int column) => row < 0 || column < 0 ? 0 : pixels[row * stride + column];
                var prediction = Predict(filter, Raw(y, i - bpp), Raw(y - 1, i), Raw(y - 1, i - bpp));
                output[y * (stride + 1) + 1 + i] = (byte)(pixels[y * stride + i] - prediction);
            }
        }

        return output;
    }

    private static int Predict(byte filter, int left, int up, int upLeft)
    {
        switch (filter)
        {
            case 0: return 0;
            case 1: return left;
            case 2: return up;
            case 3: return (left + up) >> 1;
            case 4:
                var estimate = left + up - upLeft;
                var toLeft = Math.Abs(estimate - left);
                var toUp = Math.Abs(estimate - up);
                var toUpLeft = Math.Abs(estimate - upLeft);
                return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
            default: return 0;
        }
    }
}
