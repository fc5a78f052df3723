namespace Reembed;

/// <summary>
/// Something a running job tells its host: it started, committed progress, paused for an outage or resumed, finished a
/// shard, reached a state. Delivered through the <see cref="IProgress{T}"/> the host passes to the job API, on the thread
/// that caused it: a sink must be quick and must not throw.
/// </summary>
public abstract record JobEvent(string JobId);
