using Microsoft.Extensions.AI;
using Reembed.Providers;

namespace Reembed.Hosting;

/// <summary>The composition root of a run: the source, target, embedder and state store a job spec names, built by their providers.</summary>
internal sealed class Components : IAsyncDisposable
{
    private Components(StateStore state, EmbedderStack embedder, RecordSource source, VectorSink sink)
    {
        State = state;
        Embedder = embedder;
        Source = source;
        Sink = sink;
    }

    public StateStore State { get; }

    public EmbedderStack Embedder { get; }

    public EmbeddingSpace Space => Embedder.Space;

    public RecordSource Source { get; }

    /// <summary>Where this job's vectors go: the configured target, or its shadow for the space (<c>target.cutover</c>).</summary>
    public VectorSink Sink { get; }

    public IEmbeddingGenerator<string, Embedding<float>> Generator => Embedder.Generator;

    public static async Task<Components> CreateAsync(
        JobSpec spec, StoreRegistry stores, StoreContext context, OutageRelay outages, CancellationToken cancellationToken = default)
    {
        var embedder = await EmbedderStack.CreateAsync(spec, stores, context, openCache: true, outages, cancellationToken);
        var owned = new List<IAsyncDisposable> { embedder };
        try
        {
            var writeTarget = await Targets.ResolveWriteTargetAsync(spec, stores, context, embedder.Space, cancellationToken);
            var state = await OpenStateAsync(spec, stores, context, cancellationToken);
            owned.Add(state);
            var source = stores.For(spec.Source).CreateSource(spec.Source, context);
            owned.Add(source);
            var sink = stores.For(writeTarget).CreateSink(writeTarget, spec.Source, source, context);
            return new(state, embedder, source, sink);
        }
        catch
        {
            foreach (var each in Enumerable.Reverse(owned))
            {
                await each.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Opens only the state store, for verbs that read jobs (<c>status</c>, <c>jobs</c>, <c>cancel</c>).</summary>
    public static ValueTask<StateStore> OpenStateAsync(JobSpec spec, StoreRegistry stores, StoreContext context, CancellationToken cancellationToken = default) =>
        stores.For(spec.State).OpenStateAsync(spec.State, context, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Embedder.DisposeAsync();
        await Source.DisposeAsync();
        await Sink.DisposeAsync();
        await State.DisposeAsync();
    }
}
