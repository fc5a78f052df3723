using Reembed.Testing;
using Reembed.Testing.Verification;

namespace Reembed.Tests.Verification;

public class SampleSelectorTests
{
    private static readonly string[] Keys = [.. Enumerable.Range(0, 500).Select(i => $"key-{i}")];

    [Fact]
    public void ToList_SameSeedAnyOfferOrder_SameSample()
    {
        var shuffled = Keys.ToArray();
        new Random(42).Shuffle(shuffled);

        var one = Draw(Keys, size: 50, seed: 1);
        var two = Draw(shuffled, size: 50, seed: 1);

        Assert.Equal(50, one.Count);
        Assert.Equal(one, two);
    }

    [Fact]
    public void ToList_OtherSeed_OtherSample()
    {
        var one = Draw(Keys, size: 50, seed: 1);
        var two = Draw(Keys, size: 50, seed: 2);

        Assert.True(one.Intersect(two).Count() < 25);
    }

    [Fact]
    public void ToList_KeepsTheKeysWithTheSmallestSeededHashes()
    {
        var selector = new SampleSelector(20, seed: 9);
        foreach (var key in Keys)
        {
            selector.Offer(key, [1f, 2f]);
        }

        var expected = Keys.OrderBy(selector.HashOf).Take(20);
        Assert.Equal(expected, selector.ToList().Select(s => s.Key));
    }

    [Fact]
    public void Offer_FewerKeysThanSizeAndDuplicates_EachKeyOnceWithItsFirstVectorNormalised()
    {
        var selector = new SampleSelector(10, seed: 1);
        selector.Offer("a", [3f, 4f]);
        selector.Offer("b", [0f, 2f]);
        selector.Offer("a", [1f, 0f]);

        var sample = selector.ToList();

        Assert.Equal(["a", "b"], sample.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal([0.6f, 0.8f], sample.Single(s => s.Key == "a").Unit);
    }

    [Fact]
    public async Task RunAsync_CandidateReadBackwards_SameSampleAndSameMetrics()
    {
        var records = Keys.Select(k => (k, (string?)$"text of {k}")).ToList();
        var vectors = records.Select(r => (r.k, FakeEmbeddingGenerator.VectorFor(r.Item2!, 8))).ToList();
        var forwardSource = new ShardedListSource(records);
        var backwardSource = new ShardedListSource(records);
        var forward = InMemoryVectorCollection.Of("shadow", Space.Id, vectors);
        var backward = new InMemoryVectorCollection("shadow", forward.Vectors) { ReadBackwards = true };

        var one = await Verifier.RunAsync(Request(forwardSource, forward));
        var two = await Verifier.RunAsync(Request(backwardSource, backward));

        Assert.Equal(30, forwardSource.KeysAskedFor.Count);
        Assert.Equal(forwardSource.KeysAskedFor.Order(StringComparer.Ordinal), backwardSource.KeysAskedFor.Order(StringComparer.Ordinal));
        Assert.Equal(one.Quality!.NewTopScores with { Histogram = [] }, two.Quality!.NewTopScores with { Histogram = [] });
        Assert.Equal(one.Quality.NewTopScores.Histogram, two.Quality.NewTopScores.Histogram);
        Assert.Equal(one.Quality.SelfMeanRank, two.Quality.SelfMeanRank);
    }

    private static readonly EmbeddingSpace Space = new("test", "m", 8, normalized: true);

    private static VerifyRequest Request(RecordSource source, VectorCollection candidate) => new()
    {
        Source = source,
        Candidate = candidate,
        Embedder = new FakeEmbeddingGenerator(8),
        Space = Space,
        Options = new VerifyOptions { SampleSize = 30, Seed = 4 },
    };

    private static List<string> Draw(IEnumerable<string> keys, int size, int seed)
    {
        var selector = new SampleSelector(size, seed);
        foreach (var key in keys)
        {
            selector.Offer(key, [1f, 0f, 0f]);
        }

        return [.. selector.ToList().Select(s => s.Key)];
    }
}
