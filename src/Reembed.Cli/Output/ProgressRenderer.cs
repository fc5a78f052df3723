using System.Globalization;

namespace Reembed.Cli;

/// <summary>
/// Shows a running job's progress on standard error: a live bar on a terminal, a plain line every
/// few seconds otherwise (logs and CI). Fed by the job's events, so it shows committed counts only.
/// </summary>
internal sealed class ProgressRenderer : IProgress<JobEvent>, IAsyncDisposable
{
    private static bool _lineDrawn;

    /// <summary>Serialises writes to standard error between the bar and the logger.</summary>
    public static readonly Lock ConsoleLock = new();

    private JobCounters _committed = JobCounters.Zero;
    private long _total = -1;
    private readonly TimeProvider _time;
    private readonly bool _live;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly long _startTimestamp;
    private readonly long _startProcessed;
    private readonly Task _loop;

    public ProgressRenderer(TimeProvider time)
    {
        _time = time;
        _live = !Console.IsErrorRedirected;
        var seconds = double.TryParse(Environment.GetEnvironmentVariable("REEMBED_PROGRESS_SECONDS"), CultureInfo.InvariantCulture, out var value) ? value : 5;
        _interval = _live ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(Math.Max(0.1, seconds));
        _startTimestamp = time.GetTimestamp();
        _startProcessed = 0;
        _loop = RunAsync();
    }

    /// <summary>Takes the committed counters and total of the job's start and progress events; the bar draws them on its own beat.</summary>
    public void Report(JobEvent value)
    {
        (JobCounters Committed, long? Total)? update = value switch
        {
            JobStarted started => (started.Committed, started.Total),
            JobProgressed progressed => (progressed.Committed, progressed.Total),
            _ => null,
        };
        if (update is { } u)
        {
            Volatile.Write(ref _committed, u.Committed);
            Interlocked.Exchange(ref _total, u.Total ?? -1);
        }
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
        var committed = Volatile.Read(ref _committed);
        var processed = committed.Processed;
        var rate = elapsed > 0 ? (processed - _startProcessed) / elapsed : 0;
        long? total = Interlocked.Read(ref _total) is var known and >= 0 ? known : null;
        var eta = total is { } t && rate > 0 ? FormatDuration(Math.Max(0, t - processed) / rate) : "?";
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{processed:N0}/{(total is { } all ? all.ToString("N0", CultureInfo.InvariantCulture) : "?")} | {rate:N0} rec/s | ETA {eta} | embedded {committed.Embedded:N0} skipped {committed.Skipped:N0} failed {committed.Failed:N0}");
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
