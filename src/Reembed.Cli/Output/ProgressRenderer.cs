using System.Globalization;

namespace Reembed.Cli;

/// <summary>
/// Shows a running job's progress on standard error: a live bar on a terminal, a plain line every
/// few seconds otherwise (logs and CI). Reads committed counts only.
/// </summary>
internal sealed class ProgressRenderer : IAsyncDisposable
{
    private static bool _lineDrawn;

    /// <summary>Serialises writes to standard error between the bar and the logger.</summary>
    public static readonly Lock ConsoleLock = new();

    private readonly RunProgress _progress;
    private readonly TimeProvider _time;
    private readonly bool _live;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly long _startTimestamp;
    private readonly long _startProcessed;
    private readonly Task _loop;

    public ProgressRenderer(RunProgress progress, TimeProvider time)
    {
        _progress = progress;
        _time = time;
        _live = !Console.IsErrorRedirected;
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("REEMBED_PROGRESS_SECONDS"), CultureInfo.InvariantCulture, out var value) ? value : 5;
        _interval = _live ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(Math.Max(0.1, seconds));
        _startTimestamp = time.GetTimestamp();
        _startProcessed = progress.Processed;
        _loop = RunAsync();
    }

    /// <summary>Erases the live bar so that a log line can be written in its place.</summary>
    public static void ClearLine()
    {
        if (_lineDrawn)
        {
            Console.Error.Write("\r\u001b[K");
            _lineDrawn = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        if (_live)
        {
            ClearLine();
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Render();
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private void Render()
    {
        var elapsed = _time.GetElapsedTime(_startTimestamp).TotalSeconds;
        var processed = _progress.Processed;
        var rate = elapsed > 0 ? (processed - _startProcessed) / elapsed : 0;
        var total = _progress.Total;
        var eta = total is { } t && rate > 0 ? FormatDuration(Math.Max(0, t - processed) / rate) : "?";
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{processed:N0}/{(total is { } known ? known.ToString("N0", CultureInfo.InvariantCulture) : "?")} | {rate:N0} rec/s | ETA {eta} | embedded {_progress.Embedded:N0} skipped {_progress.Skipped:N0} failed {_progress.Failed:N0}");
        lock (ConsoleLock)
        {
            if (_live)
            {
                var fraction = total is > 0 ? Math.Clamp((double)processed / total.Value, 0, 1) : 0;
                var filled = (int)(fraction * 24);
                Console.Error.Write($"\r\u001b[K[{new string('#', filled)}{new string('.', 24 - filled)}] {fraction:P0} {counts}");
                _lineDrawn = true;
            }
            else
            {
                Console.Error.WriteLine($"progress: {counts}");
            }
        }
    }

    internal static string FormatDuration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Round(seconds));
        return span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");
    }
}
