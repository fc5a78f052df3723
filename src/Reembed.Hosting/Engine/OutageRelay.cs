using Reembed.Remote;

namespace Reembed.Hosting;

/// <summary>
/// Carries the outage notices of a run's rate controls (embedder and enricher) to the job runner and the host's event
/// sink. Made before the embedder, attached once the runner exists; notices before that have no job to mark.
/// </summary>
internal sealed class OutageRelay
{
    private Action<OutageNotice>? _sink;

    public void Attach(Action<OutageNotice> sink) => Volatile.Write(ref _sink, sink);

    public void Report(OutageNotice notice) => Volatile.Read(ref _sink)?.Invoke(notice);
}
