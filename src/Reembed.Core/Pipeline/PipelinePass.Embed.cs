using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace Reembed;

internal sealed partial class PipelinePass
{
    private async Task EmbedLoopAsync(ChannelReader<WorkBatch> toEmbed, ChannelWriter<WorkBatch> toWrite, CancellationToken cancellationToken)
    {
        await foreach (var batch in toEmbed.ReadAllAsync(cancellationToken))
        {
            if (batch.EmbedCount > 0)
            {
                Log.EmbeddingBatch(_context.Logger, batch.Sequence, batch.EmbedCount, batch.EstimatedTokens);
                var items = batch.Items.Where(static item => item.Disposition == Disposition.Embed).ToList();
                await EmbedIsolatingAsync(items, cancellationToken);
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

        for (var i = 0; i < items.Count; i++)
        {
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
