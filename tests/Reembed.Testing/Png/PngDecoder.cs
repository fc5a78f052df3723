using System.Buffers.Binary;
using System.IO.Compression;

namespace Reembed.Testing.Png;

/// <summary>
/// A minimal PNG decoder for screenshot tests: 8-bit RGB and RGBA, not interlaced, with every filter type.
/// Anything else (palettes, greyscale, 16-bit, Adam7, a bad CRC or truncated data) is refused with
/// an <see cref="InvalidDataException"/> that says why, rather than decoded wrongly.
/// </summary>
public static class PngDecoder
{
    private const int MaxPixels = 64 * 1024 * 1024;
    private const byte ColourRgb = 2;
    private const byte ColourRgba = 6;
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    public static PngImage DecodeFile(string path) => Decode(File.ReadAllBytes(path));

    public static PngImage Decode(ReadOnlySpan<byte> png)
    {
        if (png.Length < Signature.Length || !png[..Signature.Length].SequenceEqual(Signature))
        {
            throw new InvalidDataException("PNG: no PNG signature");
        }

        Header? header = null;
        using var idat = new MemoryStream();
        var offset = Signature.Length;
        while (true)
        {
            if (offset + 12 > png.Length)
            {
                throw new InvalidDataException("PNG: truncated (no IEND chunk)");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            if (length > int.MaxValue || offset + 12 + (long)length > png.Length)
            {
                throw new InvalidDataException($"PNG: chunk at byte {offset} runs past the end of the file");
            }

            var type = png.Slice(offset + 4, 4);
            var data = png.Slice(offset + 8, (int)length);
            var name = System.Text.Encoding.ASCII.GetString(type);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + (int)length)..]);
            if (crc != PngCrc.Compute(type, data))
            {
                throw new InvalidDataException($"PNG: bad CRC on chunk {name} at byte {offset}");
            }

            offset += 12 + (int)length;
            if (header is null && name != "IHDR")
            {
                throw new InvalidDataException($"PNG: the first chunk is {name}, not IHDR");
            }

            switch (name)
            {
                case "IHDR":
                    header = Header.Parse(data);
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    return Pixels(header!, idat);
                case "PLTE":
                    // A suggested palette for true-colour images; the pixels do not use it.
                    break;
                default:
                    // Lower-case first letter: ancillary (gamma, text, ...), safe to ignore. Upper-case: critical, unknown to us.
                    if (char.IsUpper(name[0]))
                    {
                        throw new InvalidDataException($"PNG: unsupported critical chunk {name}");
                    }

                    break;
            }
        }
    }

    private static PngImage Pixels(Header header, MemoryStream idat)
    {
        if (idat.Length == 0)
        {
            throw new InvalidDataException("PNG: no IDAT chunk");
        }

        var stride = header.Width * header.BytesPerPixel;
        var raw = new byte[(long)header.Height * (stride + 1)];
        idat.Position = 0;
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress, leaveOpen: true))
        {
            var read = zlib.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false);
            if (read < raw.Length)
            {
                throw new InvalidDataException($"PNG: image data holds {read} bytes, {raw.Length} expected");
            }
        }

        var rgba = new byte[header.Width * header.Height * 4];
        var previous = new byte[stride];
        for (var y = 0; y < header.Height; y++)
        {
            var start = y * (stride + 1);
            var row = raw.AsSpan(start + 1, stride);
            PngFilters.Unfilter(raw[start], row, previous, header.BytesPerPixel);
            for (var x = 0; x < header.Width; x++)
            {
                var source = x * header.BytesPerPixel;
                var target = (y * header.Width + x) * 4;
                rgba[target] = row[source];
                rgba[target + 1] = row[source + 1];
                rgba[target + 2] = row[source + 2];
                rgba[target + 3] = header.BytesPerPixel == 4 ? row[source + 3] : (byte)255;
            }

            row.CopyTo(previous);
        }

        return new PngImage(header.Width, header.Height, rgba);
    }

    private sealed record Header(int Width, int Height, int BytesPerPixel)
    {
        public static Header Parse(ReadOnlySpan<byte> data)
        {
            if (data.Length != 13)
            {
                throw new InvalidDataException($"PNG: IHDR is {data.Length} bytes, not 13");
            }

            var width = BinaryPrimitives.ReadUInt32BigEndian(data);
            var height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
            var (depth, colour, compression, filter, interlace) = (data[8], data[9], data[10], data[11], data[12]);
            if (width == 0 || height == 0 || (long)width * height > MaxPixels)
            {
                throw new InvalidDataException($"PNG: unsupported size {width} x {height}");
            }

            if (depth != 8 || colour is not (ColourRgb or ColourRgba))
            {
                throw new InvalidDataException(
                    $"PNG: unsupported pixel format (bit depth {depth}, colour type {colour}); only 8-bit RGB (2) and RGBA (6) are decoded");
            }

            if (compression != 0 || filter != 0)
            {
                throw new InvalidDataException($"PNG: unknown compression method {compression} or filter method {filter}");
            }

            if (interlace != 0)
            {
                throw new InvalidDataException("PNG: interlaced (Adam7) images are not supported");
            }

            return new Header((int)width, (int)height, colour == ColourRgba ? 4 : 3);
        }
    }
}
