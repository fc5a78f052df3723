namespace Reembed;

/// <summary>The checkpoint of one shard: everything up to and including <see cref="Cursor"/> is done.</summary>
public sealed record ShardState(string ShardId, string Descriptor, string? Cursor, string? SinkToken, bool Done)
{
    public ShardInfo Info => new(ShardId, Descriptor);
}
