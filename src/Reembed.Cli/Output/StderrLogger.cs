using Microsoft.Extensions.Logging;

namespace Reembed.Cli;

/// <summary>
/// A plain logger to standard error, one line per message. Standard output stays free for
/// <c>--json</c>. The level comes from <c>--verbose</c> or <c>REEMBED_LOG_LEVEL</c>.
/// </summary>
internal sealed class StderrLogger : ILogger
{
    private readonly LogLevel _minimum;

    public StderrLogger(LogLevel minimum) => _minimum = minimum;

    public static LogLevel LevelFromEnvironment(bool verbose)
    {
        if (verbose)
        {
            return LogLevel.Debug;
        }

        return Environment.GetEnvironmentVariable("REEMBED_LOG_LEVEL")?.ToLowerInvariant() switch
        {
            "trace" => LogLevel.Trace,
            "debug" => LogLevel.Debug,
            "information" or "info" => LogLevel.Information,
            "error" => LogLevel.Error,
            "none" => LogLevel.None,
            _ => LogLevel.Warning,
        };
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"{Label(logLevel)}: {formatter(state, exception)}";
        lock (ProgressRenderer.ConsoleLock)
        {
            ProgressRenderer.ClearLine();
            Console.Error.WriteLine(line);
        }
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        _ => "error",
    };
}
