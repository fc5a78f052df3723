using Microsoft.Extensions.Logging;

namespace Reembed;

/// <summary>Source-generated log messages of Reembed.Core.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "embed batch {Sequence}: {Count} items, ~{Tokens} tokens")]
    public static partial void EmbeddingBatch(ILogger logger, long sequence, int count, int tokens);

    [LoggerMessage(2, LogLevel.Debug, "committed through batch {Sequence} (shard {Shard}, cursor {Cursor}): +{Embedded} embedded, +{Skipped} skipped, +{Failed} failed")]
    public static partial void Committed(ILogger logger, long sequence, string shard, string? cursor, long embedded, long skipped, long failed);

    [LoggerMessage(3, LogLevel.Information, "job {JobId}: {Action} (mode {Mode}, space {Space}), in-flight window {Window} batches of at most {MaxItems} items")]
    public static partial void JobStarting(ILogger logger, string jobId, string action, string mode, string space, int window, int maxItems);

    [LoggerMessage(4, LogLevel.Debug, "record {Key} failed at {Stage}: {Message}")]
    public static partial void ItemFailed(ILogger logger, string key, string stage, string message);

    [LoggerMessage(5, LogLevel.Information, "stopping: in-flight batches finish, then the checkpoint is committed")]
    public static partial void Stopping(ILogger logger);

    [LoggerMessage(6, LogLevel.Warning, "could not count the source records: {Message}")]
    public static partial void CountFailed(ILogger logger, string message);

    [LoggerMessage(7, LogLevel.Warning, "the model API keeps failing ({Reason}): the job is paused and retries until it answers")]
    public static partial void OutagePaused(ILogger logger, string reason);

    [LoggerMessage(8, LogLevel.Information, "the model API answers again: the job goes on")]
    public static partial void OutageOver(ILogger logger);

    [LoggerMessage(9, LogLevel.Debug, "could not record the job's notice: {Message}")]
    public static partial void NoticeFailed(ILogger logger, string message);

    [LoggerMessage(10, LogLevel.Warning, "target {What} failed ({Message}); attempt {Attempt} again in {Seconds} s")]
    public static partial void StoreRetrying(ILogger logger, string what, int attempt, double seconds, string message);

    [LoggerMessage(11, LogLevel.Warning, "reading the source failed ({Message}); reading again after cursor {Cursor} in {Seconds} s (attempt {Attempt})")]
    public static partial void SourceRetrying(ILogger logger, string? cursor, int attempt, double seconds, string message);
}
