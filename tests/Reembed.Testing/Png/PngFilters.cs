namespace Reembed.Testing.Png;

/// <summary>PNG's five scanline filters (None, Sub, Up, Average, Paeth), undone in place, byte by byte.</summary>
public static class PngFilters
{
    public const byte None = 0;
    public const byte Sub = 1;
    public const byte Up = 2;
    public const byte Average = 3;
    public const byte Paeth = 4;

    /// <summary>Reverses <paramref name="filter"/> on <paramref name="row"/>; <paramref name="previous"/> is the row above, already unfiltered (zeros for the first).</summary>
    public static void Unfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int bytesPerPixel)
    {
        for (var i = 0; i < row.Length; i++)
        {
            var a = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
            var b = previous[i];
            var c = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
            row[i] = (byte)(row[i] + Predict(filter, a, b, c));
        }
    }

    /// <summary>The prediction a filter subtracts, from the left (a), above (b) and upper-left (c) bytes.</summary>
    public static int Predict(byte filter, int a, int b, int c) => filter switch
    {
        None => 0,
        Sub => a,
        Up => b,
        Average => (a + b) / 2,
        Paeth => PaethPredictor(a, b, c),
        _ => throw new InvalidDataException($"PNG: unknown filter type {filter} (only 0-4 exist)"),
    };

    public static int PaethPredictor(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc)
        {
            return a;
        }

        return pb <= pc ? b : c;
    }
}
