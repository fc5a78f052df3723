namespace Reembed.Testing.Png;

/// <summary>A decoded image, 8-bit RGB(A), with the pixel queries screenshot tests need.</summary>
public sealed class PngImage
{
    private readonly byte[] _rgba;

    public PngImage(int width, int height, byte[] rgba)
    {
        if (rgba.Length != checked(width * height * 4))
        {
            throw new ArgumentException($"expected {width} x {height} x 4 bytes, got {rgba.Length}", nameof(rgba));
        }

        Width = width;
        Height = height;
        _rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The colour at (x, y); alpha is ignored (a screenshot is opaque).</summary>
    public Rgb this[int x, int y]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(x);
            ArgumentOutOfRangeException.ThrowIfNegative(y);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
            var i = (y * Width + x) * 4;
            return new Rgb(_rgba[i], _rgba[i + 1], _rgba[i + 2]);
        }
    }

    public byte Alpha(int x, int y) => _rgba[(y * Width + x) * 4 + 3];

    /// <summary>Pixels of exactly <paramref name="colour"/> in the rectangle (clipped to the image).</summary>
    public int Count(Rgb colour, int left, int top, int width, int height)
    {
        var count = 0;
        for (var y = Math.Max(0, top); y < Math.Min(Height, top + height); y++)
        {
            for (var x = Math.Max(0, left); x < Math.Min(Width, left + width); x++)
            {
                if (this[x, y] == colour)
                {
                    count++;
                }
            }
        }

        return count;
    }

    public int Count(Rgb colour) => Count(colour, 0, 0, Width, Height);

    /// <summary>How many distinct colours the image has (a blank page has one).</summary>
    public int DistinctColours()
    {
        var seen = new HashSet<Rgb>();
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                seen.Add(this[x, y]);
            }
        }

        return seen.Count;
    }
}
