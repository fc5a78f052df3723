using System.Globalization;
using System.Net;

namespace Reembed.Verification.Html;

/// <summary>Encoding and number formats of the report; culture-invariant so that a report reads the same everywhere.</summary>
internal static class HtmlText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Keys, descriptions and details come from user data: everything shown goes through here.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

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

    /// <summary>Axis ticks: four significant digits, enough to tell bins apart.</summary>
    public static string Tick(double value) => value.ToString("G4", Invariant);

    public static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC";
}
