using Reembed.Testing.Png;

namespace Reembed.Tests.Verification.Html;

public sealed class PngDecoderTests
{
    private const int Width = 9;
    private const int Height = 10;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_EveryFilterTypeByRow_ReturnsTheEncodedPixels(bool alpha)
    {
        var bpp = alpha ? 4 : 3;
        var pixels = Noise(Width * Height * bpp, seed: 7);

        var image = PngDecoder.Decode(TestPngEncoder.Encode(Width, Height, pixels, alpha, row => (byte)(row % 5)));

        Assert.Equal((Width, Height), (image.Width, image.Height));
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var i = (y * Width + x) * bpp;
                Assert.Equal(new Rgb(pixels[i], pixels[i + 1], pixels[i + 2]), image[x, y]);
                Assert.Equal(alpha ? pixels[i + 3] : (byte)255, image.Alpha(x, y));
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Decode_OneFilterOnEveryRow_ReturnsTheEncodedPixels(byte filter)
    {
        // Smooth gradients make the predictors choose differently from row to row.
        var pixels = new byte[Width * Height * 3];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 7 % 251 + i / 27);
        }

        var image = PngDecoder.Decode(TestPngEncoder.Encode(Width, Height, pixels, alpha: false, _ => filter));

        Assert.Equal(new Rgb(pixels[^3], pixels[^2], pixels[^1]), image[Width - 1, Height - 1]);
        Assert.Equal(new Rgb(pixels[30], pixels[31], pixels[32]), image[1, 1]);
    }

    [Fact]
    public void Decode_ImageDataSplitOverSeveralIdatChunks_ConcatenatesThem()
    {
        var pixels = Noise(Width * Height * 3, seed: 11);

        var image = PngDecoder.Decode(TestPngEncoder.Encode(Width, Height, pixels, alpha: false, _ => 4, idatChunks: 5));

        Assert.Equal(new Rgb(pixels[^3], pixels[^2], pixels[^1]), image[Width - 1, Height - 1]);
    }

    [Fact]
    public void Decode_AncillaryChunk_IsIgnored()
    {
        byte[] pixels = [10, 20, 30];
        byte[] raw = [0, 10, 20, 30];
        var png = TestPngEncoder.Assemble([
            TestPngEncoder.Chunk("IHDR", TestPngEncoder.Header(1, 1, 8, 2)),
            TestPngEncoder.Chunk("tEXt", "Comment\0made by a test"u8.ToArray()),
            TestPngEncoder.Chunk("IDAT", TestPngEncoder.Compress(raw)),
            TestPngEncoder.Chunk("IEND", []),
        ]);

        var image = PngDecoder.Decode(png);

        Assert.Equal(new Rgb(pixels[0], pixels[1], pixels[2]), image[0, 0]);
    }

    [Theory]
    [InlineData(8, 3, "colour type 3")]
    [InlineData(8, 0, "colour type 0")]
    [InlineData(16, 2, "bit depth 16")]
    [InlineData(16, 6, "bit depth 16")]
    public void Decode_UnsupportedPixelFormat_IsRefusedNamingIt(byte depth, byte colourType, string expected)
    {
        var png = Png(TestPngEncoder.Header(1, 1, depth, colourType), [0, 0, 0, 0, 0, 0, 0, 0, 0]);

        var error = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Interlaced_IsRefused()
    {
        var png = Png(TestPngEncoder.Header(1, 1, 8, 2, interlace: 1), [0, 1, 2, 3]);

        var error = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        Assert.Contains("interlaced", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownFilterType_IsRefused()
    {
        var png = TestPngEncoder.Encode(2, 2, new byte[12], alpha: false, row => row == 1 ? (byte)5 : (byte)0);

        var error = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        Assert.Contains("filter type 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NoSignature_IsRefused()
    {
        var png = TestPngEncoder.Encode(1, 1, [1, 2, 3], alpha: false, _ => 0);
        png[1] = (byte)'J';

        var error = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        Assert.Contains("signature", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_CorruptedChunk_IsRefusedByItsCrc()
    {
        var png = TestPngEncoder.Encode(1, 1, [1, 2, 3], alpha: false, _ => 0);
        png[TestPngEncoder.Signature.Length + 8] ^= 0x01;

        var error = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        Assert.Contains("bad CRC on chunk IHDR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TooLittleImageData_IsRefused()
    {
        var png = Png(TestPngEncoder.Header(4, 4, 8, 2), [0, 1, 2, 3]);

        var error = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        Assert.Contains("expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_NoIend_IsRefused()
    {
        var png = TestPngEncoder.Encode(1, 1, [1, 2, 3], alpha: false, _ => 0);

        var error = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png.AsSpan(0, png.Length - 12)));

        Assert.Contains("IEND", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 20, 15, 15)]
    [InlineData(20, 10, 15, 15)]
    [InlineData(10, 20, 5, 20)]
    [InlineData(100, 50, 120, 50)]
    [InlineData(30, 30, 30, 30)]
    [InlineData(12, 10, 8, 12)]
    public void PaethPredictor_KnownNeighbours_PicksTheClosestOfLeftUpAndUpperLeft(int left, int up, int upLeft, int expected) =>
        Assert.Equal(expected, PngFilters.PaethPredictor(left, up, upLeft));

    private static byte[] Png(byte[] header, byte[] raw) => TestPngEncoder.Assemble([
        TestPngEncoder.Chunk("IHDR", header),
        TestPngEncoder.Chunk("IDAT", TestPngEncoder.Compress(raw)),
        TestPngEncoder.Chunk("IEND", []),
    ]);

    private static byte[] Noise(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
