using System.Numerics;
using Reembed.Testing.Verification;

namespace Reembed.Tests.Verification;

public class NeighbourSearchTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(100)]
    public async Task FindAsync_ExactOnRandomData_EqualsNaiveDoublePrecision(int dimensions)
    {
        var random = new Random(dimensions);
        // More rows than one scoring block, plus rows the search must skip: wrong length, NaN, zero.
        var rows = Enumerable.Range(0, 700).Select(i => new StoredVector($"r{i:000}", Gaussian(random, dimensions), null, "s")).ToList();
        rows.Add(new StoredVector("wrong", Gaussian(random, dimensions + 1), null, "s"));
        rows.Add(new StoredVector("nan", [.. Enumerable.Repeat(float.NaN, dimensions)], null, "s"));
        rows.Add(new StoredVector("zero", new float[dimensions], null, "s"));
        var collection = new InMemoryVectorCollection("c", rows);
        var queries = Enumerable.Range(0, 25)
            .Select(i => new SearchQuery(i % 2 == 0 ? rows[i * 7].Vector : Gaussian(random, dimensions), i % 2 == 0 ? rows[i * 7].Key : null))
            .ToList();

        var found = await NeighbourSearch.FindAsync(collection, queries, k: 10, dimensions);

        Assert.Equal(queries.Count, found.Length);
        for (var q = 0; q < queries.Count; q++)
        {
            var expected = NaiveSearch.Top(rows, queries[q].Vector, 10, queries[q].Exclude);
            Assert.Equal(expected.Select(n => n.Key), found[q].Select(n => n.Key));
            Assert.All(found[q].Zip(expected), pair => Assert.Equal(pair.Second.Score, (double)pair.First.Score, 1e-5));
            Assert.DoesNotContain(found[q], n => n.Key == queries[q].Exclude);
        }
    }

    [Fact]
    public async Task FindAsync_StoreSearch_DropsTheExcludedKeyAndKeepsK()
    {
        var random = new Random(5);
        var rows = Enumerable.Range(0, 50).Select(i => new StoredVector($"r{i}", Gaussian(random, 8), null, "s")).ToList();
        var collection = new InMemoryVectorCollection("c", rows, canSearch: true);

        var found = await NeighbourSearch.FindAsync(collection, [new SearchQuery(rows[3].Vector, "r3")], k: 5, dimensions: 8);

        var expected = NaiveSearch.Top(rows, rows[3].Vector, 5, "r3");
        Assert.Equal(expected.Select(n => n.Key), found[0].Select(n => n.Key));
        Assert.Equal(1, collection.Searches);
        Assert.Equal(0, collection.Reads);
    }

    [Fact]
    public async Task FindAsync_UnusableQuery_FindsNothing()
    {
        var collection = InMemoryVectorCollection.Of("c", "s", [("a", [1f, 0f])]);

        var found = await NeighbourSearch.FindAsync(collection, [new SearchQuery(null, null), new SearchQuery([0f, 0f], null)], k: 3, dimensions: 2);

        Assert.All(found, Assert.Empty);
    }

    [Fact]
    public async Task FindAsync_EqualScores_SmallerKeyFirstWhateverTheReadOrder()
    {
        (string, float[])[] rows = [("c", [1f, 0f]), ("a", [1f, 0f]), ("b", [1f, 0f]), ("d", [0f, 1f])];
        var forward = InMemoryVectorCollection.Of("f", "s", rows);
        var backward = new InMemoryVectorCollection("b", forward.Vectors) { ReadBackwards = true };

        var one = await NeighbourSearch.FindAsync(forward, [new SearchQuery([1f, 0f], null)], k: 2, dimensions: 2);
        var two = await NeighbourSearch.FindAsync(backward, [new SearchQuery([1f, 0f], null)], k: 2, dimensions: 2);

        Assert.Equal(["a", "b"], one[0].Select(n => n.Key));
        Assert.Equal(["a", "b"], two[0].Select(n => n.Key));
    }

    [Fact]
    public void Dot_LengthsAroundTheVectorWidth_EqualsScalarSum()
    {
        var random = new Random(3);
        for (var length = 0; length <= (3 * Vector<float>.Count) + 1; length++)
        {
            var left = Gaussian(random, length);
            var right = Gaussian(random, length);
            var expected = left.Zip(right, (a, b) => (double)a * b).Sum();

            Assert.Equal(expected, VectorMath.Dot(left, right), 1e-4);
        }
    }

    internal static float[] Gaussian(Random random, int dimensions) =>
        [.. Enumerable.Range(0, dimensions).Select(_ => (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())))];
}
