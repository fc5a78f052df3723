namespace Reembed;

/// <summary>Every record of a shard is committed.</summary>
public sealed record ShardFinished(string JobId, string ShardId) : JobEvent(JobId);
