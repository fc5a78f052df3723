using Microsoft.Extensions.Logging;

namespace Reembed.Testing;

/// <summary>A logger that keeps every entry, with the named values of its message template.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The entries of one source-generated message, by its event id.</summary>
    public IReadOnlyList<Entry> WithEventId(int id) => [.. Entries.Where(e => e.EventId.Id == id)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var values = state is IReadOnlyList<KeyValuePair<string, object?>> pairs
            ? pairs.ToDictionary(static p => p.Key, static p => p.Value)
            : [];
        var entry = new Entry(logLevel, eventId, formatter(state, exception), values);
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }

    public sealed record Entry(LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Values);
}
