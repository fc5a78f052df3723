using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Reembed.Remote;

namespace Reembed;

internal sealed partial class PipelinePass
{
    private async Task EmbedLoopAsync(ChannelReader<WorkBatch> toEmbed, ChannelWriter<WorkBatch> toWrite, CancellationToken cancellationToken)
    {
        // A graceful stop does not wait for batches still queued for an API's budget: they are
        // abandoned, uncommitted, and read again on resume. Only a hard abort cancels the pass.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _context.Stop.Token);
        await foreach (var batch in toEmbed.ReadAllAsync(cancellationToken))
        {
            if (_context.Stop.IsCancellationRequested)
            {
                batch.Abandoned = true;
            }
            else if (batch.EmbedCount > 0)
            {
                Log.EmbeddingBatch(_context.Logger, batch.Sequence, batch.EmbedCount, batch.EstimatedTokens);
                var items = batch.Items.Where(static item => item.Disposition == Disposition.Embed).ToList();
                try
                {
                    await EmbedIsolatingAsync(items, stopping.Token);
                }
                catch (OperationCanceledException) when (_context.Stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    batch.Abandoned = true;
                }
            }

            await toWrite.WriteAsync(batch, cancellationToken);
        }
    }

    /// <summary>
    /// Embeds <paramref name="items"/>; when the provider rejects the request because of one input,
    /// splits it in halves until that input is isolated, so that its batch-mates are still written.
    /// </summary>
    private async Task EmbedIsolatingAsync(List<PlannedItem> items, CancellationToken cancellationToken)
    {
        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            embeddings = await _context.Generator.GenerateAsync(
                items.Select(static item => item.Text!), cancellationToken: cancellationToken);
        }
        catch (ReembedException ex) when (ex.Kind == ErrorKind.Item)
        {
            if (items.Count == 1)
            {
                Fail(items[0], new ItemFailure(ItemFailure.Stages.Embed, ex.ErrorClass ?? "rejected-input", ex.Message));
                return;
            }

            await SplitAsync(items, cancellationToken);
            return;
        }

        if (embeddings.Count != items.Count)
        {
            if (items.Count > 1)
            {
                await SplitAsync(items, cancellationToken);
                return;
            }

            Fail(items[0], new ItemFailure(ItemFailure.Stages.Validate, "wrong-count",
                $"the embedder returned {embeddings.Count} vectors for 1 input"));
            return;
        }

        ObserveUsage(items, embeddings);
        for (var i = 0; i < items.Count; i++)
        {
            items[i].Cached = IsCached(embeddings[i]);
            var vector = embeddings[i].Vector;
            var problem = Validate(vector.Span, _context.Space.Dimensions);
            if (problem is null)
            {
                items[i].Vector = vector;
            }
            else
            {
                Fail(items[i], problem);
            }
        }
    }

    /// <summary>Calibrates the token estimate from what the provider counted for the texts it was sent.</summary>
    private void ObserveUsage(List<PlannedItem> items, GeneratedEmbeddings<Embedding<float>> embeddings)
    {
        if (embeddings.Usage?.InputTokenCount is not { } tokens || tokens <= 0)
        {
            return;
        }

        long chars = 0;
        for (var i = 0; i < items.Count; i++)
        {
            if (!IsCached(embeddings[i]))
            {
                chars += items[i].Text!.Length;
            }
        }

        _context.Options.Tokens.Observe(chars, tokens);
    }

    private static bool IsCached(Embedding<float> embedding) =>
        embedding.AdditionalProperties?.TryGetValue(RemoteProperties.Cached, out var value) == true && value is true;

    private async Task SplitAsync(List<PlannedItem> items, CancellationToken cancellationToken)
    {
        var half = items.Count / 2;
        await EmbedIsolatingAsync(items.GetRange(0, half), cancellationToken);
        await EmbedIsolatingAsync(items.GetRange(half, items.Count - half), cancellationToken);
    }

    internal static ItemFailure? Validate(ReadOnlySpan<float> vector, int dimensions)
    {
        if (vector.Length != dimensions)
        {
            return new ItemFailure(ItemFailure.Stages.Validate, "wrong-dimension",
                $"vector has {vector.Length} dimensions, the space has {dimensions}");
        }

        var index = IndexOfNonFinite(vector);
        if (index >= 0)
        {
            return new ItemFailure(ItemFailure.Stages.Validate, "non-finite",
                $"vector component {index} is {vector[index]}");
        }

        return null;
    }

    private static int IndexOfNonFinite(ReadOnlySpan<float> vector)
    {
        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void Fail(PlannedItem item, ItemFailure failure)
    {
        item.Disposition = Disposition.Fail;
        item.Failure = failure;
        Log.ItemFailed(_context.Logger, item.Key, failure.Stage, failure.Message);
    }
}
