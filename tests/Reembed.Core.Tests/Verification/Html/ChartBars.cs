using Reembed.Testing.Png;

namespace Reembed.Tests.Verification.Html;

/// <summary>One bar as measured on a screenshot: its columns and its height in pixels.</summary>
internal readonly record struct MeasuredBar(int Left, int Width, int Height);

/// <summary>Finds the bars of one colour on a screenshot, by the longest vertical run of that colour in each column.</summary>
internal static class ChartBars
{
    /// <summary>
    /// Runs shorter than this are not bars: they are the legend swatch (10 px) or stray pixels. The longest run
    /// per column, not the count, so that the swatch above a bar does not add to the bar's height.
    /// </summary>
    private const int MinimumRun = 12;

    public static List<MeasuredBar> Measure(PngImage image, Rgb colour)
    {
        var bars = new List<MeasuredBar>();
        int? start = null;
        var height = 0;
        for (var x = 0; x <= image.Width; x++)
        {
            var run = x < image.Width ? LongestRun(image, colour, x) : 0;
            if (run >= MinimumRun)
            {
                start ??= x;
                height = Math.Max(height, run);
            }
            else if (start is { } left)
            {
                bars.Add(new MeasuredBar(left, x - left, height));
                start = null;
                height = 0;
            }
        }

        return bars;
    }

    private static int LongestRun(PngImage image, Rgb colour, int x)
    {
        var longest = 0;
        var current = 0;
        for (var y = 0; y < image.Height; y++)
        {
            current = image[x, y] == colour ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return longest;
    }
}
