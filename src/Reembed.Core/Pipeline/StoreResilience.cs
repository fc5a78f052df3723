using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Reembed;

/// <summary>
/// The one retry pipeline of a job's stores: target calls (<see cref="RunAsync{T}"/>) and source reads
/// (<see cref="ReadAsync"/>) that fail with a transient fault (a dropped connection, a server restarting,
/// a busy database) wait with jittered exponential backoff on the job's clock and try again. Retrying is
/// safe: a failed batch write rolled back or is upserted again by id, a lookup only reads, and a source is
/// read again after its last record handed on. After the last attempt the fault stops the job, which stays
/// resumable. A cancellation is never retried.
/// </summary>
internal sealed partial class StoreResilience
{
    // Present while a source read runs: its retries are logged with the cursor it reads again after.
    private static readonly ResiliencePropertyKey<ShardReader> ReaderKey = new("Reembed.ShardReader");

    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;

    public StoreResilience(StoreResilienceOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _logger = logger;
        _pipeline = options.MaxRetryAttempts == 0 ? ResiliencePipeline.Empty : Build(options, time);
    }

    public async Task<T> RunAsync<T>(Func<CancellationToken, ValueTask<T>> call, string what, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(what, cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(static (context, call) => call(context.CancellationToken), context, call);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public Task RunAsync(Func<CancellationToken, ValueTask> call, string what, CancellationToken cancellationToken) =>
        RunAsync(async token =>
        {
            await call(token);
            return true;
        }, what, cancellationToken);

    private ResiliencePipeline Build(StoreResilienceOptions options, TimeProvider time)
    {
        var random = options.Random;
        var randomLock = new Lock();
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is ReembedException { IsTransient: true }),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                UseJitter = options.UseJitter,
                Randomizer = () =>
                {
                    // A seeded Random is not thread-safe, and calls retry concurrently.
                    lock (randomLock)
                    {
                        return random.NextDouble();
                    }
                },
                OnRetry = args =>
                {
                    var attempt = args.AttemptNumber + 1;
                    var seconds = args.RetryDelay.TotalSeconds;
                    var message = args.Outcome.Exception!.Message;
                    if (args.Context.Properties.TryGetValue(ReaderKey, out var reader))
                    {
                        Log.SourceRetrying(_logger, reader.Cursor, attempt, seconds, message);
                    }
                    else
                    {
                        Log.StoreRetrying(_logger, args.Context.OperationKey ?? "call", attempt, seconds, message);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
