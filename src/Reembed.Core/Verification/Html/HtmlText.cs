using System.Buffers;
using System.Globalization;
using System.Text;

namespace Reembed.Verification.Html;

/// <summary>Encoding and number formats of the report; culture-invariant so that a report reads the same everywhere.</summary>
internal static class HtmlText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly SearchValues<char> Markup = SearchValues.Create("&<>\"'");

    /// <summary>
    /// Keys, descriptions and details come from user data: everything shown goes through here. The five markup
    /// characters become entities, in text and attributes alike; the rest stays as it is (the page is UTF-8).
    /// </summary>
    public static string Encode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny(Markup) < 0)
        {
            return text ?? string.Empty;
        }

        var encoded = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => encoded.Append("&amp;"),
                '<' => encoded.Append("&lt;"),
                '>' => encoded.Append("&gt;"),
                '"' => encoded.Append("&quot;"),
                '\'' => encoded.Append("&#39;"),
                _ => encoded.Append(c),
            };
        }

        return encoded.ToString();
    }

    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>A check value: counts as whole numbers, rates with up to four decimals.</summary>
    public static string Value(double value) =>
        double.IsFinite(value) && value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString("N0", Invariant)
            : Number(value);

    public static string Number(double value) => value.ToString("0.####", Invariant);

    public static string Percent(double rate) => (rate * 100).ToString("0.#", Invariant) + " %";

    /// <summary>SVG coordinates: invariant, at most one decimal.</summary>
    public static string Coordinate(double value) => value.ToString("0.#", Invariant);

    /// <summary>
    /// Axis ticks: enough significant digits to tell apart values <paramref name="step"/> apart (at least four), so
    /// that bins of unit norms spread over 1e-7 do not all read "1".
    /// </summary>
    public static string Tick(double value, double step)
    {
        var digits = step > 0 && value != 0 && double.IsFinite(value / step)
            ? Math.Clamp((int)Math.Ceiling(Math.Log10(Math.Abs(value) / step)) + 2, 4, 10)
            : 4;
        return value.ToString("G" + digits.ToString(Invariant), Invariant);
    }

    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC";
}
