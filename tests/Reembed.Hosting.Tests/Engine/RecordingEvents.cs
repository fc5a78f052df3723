using System.Collections.Concurrent;

namespace Reembed.Tests;

/// <summary>Keeps every event a job reports, in order.</summary>
internal sealed class RecordingEvents : IProgress<JobEvent>
{
    private readonly ConcurrentQueue<JobEvent> _events = new();

    public IReadOnlyList<JobEvent> Events => [.. _events];

    public void Report(JobEvent value) => _events.Enqueue(value);
}
