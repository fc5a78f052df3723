using System.Threading.Channels;

namespace Reembed;

/// <summary>
/// One pass over a stream of records: read and plan → embed (concurrently) → write and commit
/// (in source order). Stages are joined by bounded channels; a window of in-flight batches bounds
/// memory and the work a crash can cost. The watermark only ever advances over batches whose
/// writes the sink acknowledged.
/// </summary>
internal sealed partial class PipelinePass
{
    private readonly PassContext _context;
    private readonly string _shardId;
    private readonly bool _retry;
    private readonly SemaphoreSlim _window;
    private readonly TextComposer _composer;
    private Exception? _failure;

    // retry: a pass over the failures ledger; it moves no watermark, and successes leave the ledger.
    public PipelinePass(PassContext context, string shardId, bool retry)
    {
        _context = context;
        _shardId = shardId;
        _retry = retry;
        _window = new SemaphoreSlim(context.Options.InFlightBatches, context.Options.InFlightBatches);
        _composer = new TextComposer(context.Options);
    }

    /// <summary>Counts committed by this pass.</summary>
    public JobCounters Committed { get; private set; } = JobCounters.Zero;

    /// <summary>True when the pass read its stream to the end (it was not stopped).</summary>
    public bool Finished { get; private set; }

    public async Task RunAsync(IAsyncEnumerable<SourceRecord> records, CancellationToken cancellationToken = default)
    {
        var options = _context.Options;
        var toEmbed = Channel.CreateBounded<WorkBatch>(new BoundedChannelOptions(options.MaxConcurrency)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
        var toWrite = Channel.CreateBounded<WorkBatch>(new BoundedChannelOptions(options.InFlightBatches)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });

        // One failing stage cancels the others; the first failure is the one reported.
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = GuardAsync(() => ReadAndPlanAsync(records, toEmbed.Writer, failed.Token), failed);
        var embedders = Enumerable.Range(0, options.MaxConcurrency)
            .Select(_ => GuardAsync(() => EmbedLoopAsync(toEmbed.Reader, toWrite.Writer, failed.Token), failed))
            .ToArray();
        var embedded = CompleteWhenAllAsync(embedders, toWrite.Writer);
        var writer = GuardAsync(() => WriteLoopAsync(toWrite.Reader, failed.Token), failed);

        await Task.WhenAll(reader, embedded, writer);

        // The reader may have reached the end before the stop, yet batches it emitted were
        // abandoned: the shard is not done, its watermark stays before them.
        if (_abandoned)
        {
            Finished = false;
        }

        if (_failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task GuardAsync(Func<Task> stage, CancellationTokenSource failed)
    {
        try
        {
            await Task.Run(stage, CancellationToken.None);
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
            // Cancelled because another stage failed or the run was aborted; reported there.
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref _failure, ex, null);
            await failed.CancelAsync();
        }
    }

    private static async Task CompleteWhenAllAsync(Task[] embedders, ChannelWriter<WorkBatch> toWrite)
    {
        try
        {
            await Task.WhenAll(embedders);
        }
        finally
        {
            toWrite.TryComplete();
        }
    }
}
