using Microsoft.Extensions.AI;
using Reembed.Caching;
using Reembed.Remote;
using Reembed.Testing;

namespace Reembed.Tests.Caching;

public sealed class CachingEmbeddingGeneratorTests
{
    private const int Dims = 4;
    private const string Space = "space-1";

    private readonly FakeEmbeddingGenerator _model = new(Dims);
    private readonly InMemoryEmbeddingCache _cache = new();

    private IEmbeddingGenerator<string, Embedding<float>> Wrap(int? dimensions = Dims, string space = Space) =>
        EmbeddingCaching.Wrap(_model, _cache, space, dimensions);

    private static bool IsCached(Embedding<float> embedding) =>
        embedding.AdditionalProperties?.TryGetValue(RemoteProperties.Cached, out var value) == true && value is true;

    [Fact]
    public async Task GenerateAsync_SameTextsTwice_SecondCallSendsNoRequest()
    {
        using var generator = Wrap();
        var first = await generator.GenerateAsync(["alpha", "beta"]);

        var second = await generator.GenerateAsync(["alpha", "beta"]);

        Assert.Equal(1, _model.Requests);
        Assert.Equal(first.Select(e => e.Vector.ToArray()), second.Select(e => e.Vector.ToArray()));
        Assert.All(second, e => Assert.True(IsCached(e)));
        Assert.All(first, e => Assert.False(IsCached(e)));
    }

    [Fact]
    public async Task GenerateAsync_PartialHits_SendsOnlyMissesAndKeepsInputOrder()
    {
        using var generator = Wrap();
        await generator.GenerateAsync(["a", "c"]);
        IReadOnlyList<string>? sent = null;
        _model.OnGenerate = (inputs, _) =>
        {
            sent = inputs;
            return Task.FromResult<IReadOnlyList<float[]>?>(null);
        };

        var result = await generator.GenerateAsync(["a", "b", "c", "d"]);

        Assert.Equal(["b", "d"], sent);
        Assert.Equal(
            new[] { "a", "b", "c", "d" }.Select(t => FakeEmbeddingGenerator.VectorFor(t, Dims)),
            result.Select(e => e.Vector.ToArray()));
        Assert.Equal([true, false, true, false], result.Select(IsCached));
    }

    [Fact]
    public async Task GenerateAsync_DuplicateTextsInOneCall_SendsEachOnceAndReturnsSeparateCopies()
    {
        using var generator = Wrap();

        var result = await generator.GenerateAsync(["x", "y", "x"]);

        Assert.Equal(2, _model.Inputs);
        Assert.Equal(3, result.Count);
        Assert.Equal(result[0].Vector.ToArray(), result[2].Vector.ToArray());
        Assert.False(result[0].Vector.Span.Overlaps(result[2].Vector.Span));
    }

    [Fact]
    public async Task GenerateAsync_DuplicateHitsInOneCall_ReturnSeparateCopies()
    {
        using var generator = Wrap();
        await generator.GenerateAsync(["x"]);

        var result = await generator.GenerateAsync(["x", "x"]);

        Assert.Equal(1, _model.Requests);
        Assert.Equal(result[0].Vector.ToArray(), result[1].Vector.ToArray());
        Assert.False(result[0].Vector.Span.Overlaps(result[1].Vector.Span));
    }

    [Fact]
    public async Task GenerateAsync_NaNVector_ReturnedButNotCached()
    {
        using var generator = Wrap();
        _model.OnGenerate = (inputs, _) => Task.FromResult<IReadOnlyList<float[]>?>(
            [.. inputs.Select(t => t == "bad" ? [1f, float.NaN, 0f, 0f] : FakeEmbeddingGenerator.VectorFor(t, Dims))]);

        var first = await generator.GenerateAsync(["good", "bad"]);
        await generator.GenerateAsync(["good", "bad"]);

        Assert.True(float.IsNaN(first[1].Vector.Span[1]));
        Assert.Equal(3, _model.Inputs);
        Assert.Equal(1, _cache.EntriesPut);
    }

    [Fact]
    public async Task GenerateAsync_InfiniteVector_NotCached()
    {
        using var generator = Wrap();
        _model.OnGenerate = (_, _) => Task.FromResult<IReadOnlyList<float[]>?>([[1f, float.PositiveInfinity, 0f, 0f]]);

        await generator.GenerateAsync(["inf"]);
        await generator.GenerateAsync(["inf"]);

        Assert.Equal(2, _model.Requests);
    }

    [Fact]
    public async Task GenerateAsync_WrongDimension_ReturnedButNotCached()
    {
        using var generator = Wrap(dimensions: Dims);
        _model.OnGenerate = (inputs, _) => Task.FromResult<IReadOnlyList<float[]>?>(
            [.. inputs.Select(t => FakeEmbeddingGenerator.VectorFor(t, t == "short" ? Dims - 1 : Dims))]);

        var first = await generator.GenerateAsync(["short", "fine"]);
        await generator.GenerateAsync(["short", "fine"]);

        Assert.Equal(Dims - 1, first[0].Vector.Length);
        Assert.Equal(3, _model.Inputs);
    }

    [Fact]
    public async Task GenerateAsync_NoDimensionConfigured_FirstVectorFixesIt()
    {
        using var generator = Wrap(dimensions: null);
        await generator.GenerateAsync(["first"]);
        _model.OnGenerate = (_, _) => Task.FromResult<IReadOnlyList<float[]>?>([[1f, 2f]]);

        await generator.GenerateAsync(["odd"]);
        await generator.GenerateAsync(["odd"]);

        Assert.Equal(3, _model.Requests);
        Assert.Equal(1, _cache.EntriesPut);
    }

    [Fact]
    public async Task GenerateAsync_InnerThrows_SameExceptionPropagatesAndNothingIsCached()
    {
        using var generator = Wrap();
        var failure = new ApiException(ErrorKind.Transient, ApiErrorClasses.ServerError, "boom");
        _model.OnGenerate = (_, _) => throw failure;

        var thrown = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a"]));

        Assert.Same(failure, thrown);
        Assert.Equal(0, _cache.Puts);
    }

    [Fact]
    public async Task GenerateAsync_InnerReturnsTooFewVectors_ThrowsTransientMalformed()
    {
        using var generator = Wrap();
        _model.OnGenerate = (_, _) => Task.FromResult<IReadOnlyList<float[]>?>([new float[Dims]]);

        var ex = await Assert.ThrowsAsync<ApiException>(() => generator.GenerateAsync(["a", "b"]));

        Assert.Equal(ErrorKind.Transient, ex.Kind);
        Assert.Equal(ApiErrorClasses.MalformedResponse, ex.ErrorClass);
        Assert.Equal(0, _cache.Puts);
    }

    [Fact]
    public async Task GenerateAsync_AnotherSpace_AsksTheModelAgain()
    {
        using var first = Wrap(space: "space-a");
        using var second = Wrap(space: "space-b");

        await first.GenerateAsync(["same text"]);
        await second.GenerateAsync(["same text"]);

        Assert.Equal(2, _model.Requests);
    }

    [Fact]
    public async Task GenerateAsync_Miss_StoresUnderContentHashOfText()
    {
        using var generator = Wrap();
        await generator.GenerateAsync(["hello world"]);

        var found = new Dictionary<string, float[]>();
        await _cache.GetVectorsAsync(Space, [ContentHash.Compute("hello world")], found);

        Assert.Equal(FakeEmbeddingGenerator.VectorFor("hello world", Dims), Assert.Single(found).Value);
    }

    [Fact]
    public async Task GenerateAsync_EmptyInput_ReturnsEmptyWithoutCalls()
    {
        using var generator = Wrap();

        var result = await generator.GenerateAsync([]);

        Assert.Empty(result);
        Assert.Equal(0, _model.Requests);
    }

    [Fact]
    public void Wrap_EmptySpaceId_Throws()
    {
        Assert.Throws<ArgumentException>(() => EmbeddingCaching.Wrap(_model, _cache, "", Dims));
    }
}
