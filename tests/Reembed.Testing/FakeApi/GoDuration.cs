using System.Globalization;

namespace Reembed.Testing.FakeApi;

/// <summary>Durations as Go's <c>time.Duration.String</c> writes them, which OpenAI's reset headers use: <c>20ms</c>, <c>1.5s</c>, <c>6m0s</c>.</summary>
internal static class GoDuration
{
    public static string Format(TimeSpan duration)
    {
        var millis = (long)Math.Ceiling(Math.Max(0, duration.TotalMilliseconds));
        if (millis == 0)
        {
            return "0s";
        }

        if (millis < 1000)
        {
            return millis.ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var hours = millis / 3_600_000;
        var minutes = millis / 60_000 % 60;
        var seconds = (millis % 60_000 / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        return hours > 0 ? $"{hours}h{minutes}m{seconds}"
            : minutes > 0 ? $"{minutes}m{seconds}"
            : seconds;
    }
}
