using Microsoft.Extensions.AI;
using Reembed.Hashing;
using Reembed.Testing;
using Reembed.Testing.Verification;

namespace Reembed.Tests.Verification;

/// <summary>
/// The calibration corpus: Debian package descriptions, with old vectors from word hashing (256 dims) and
/// candidates from character n-gram hashing (384 dims) — a lexical model change that keeps meaning — or random ones.
/// </summary>
internal sealed class CalibrationScenario
{
    public static readonly HashingEmbedderOptions OldModel = new() { Dimensions = 256, Features = ["words"] };
    public static readonly HashingEmbedderOptions NewModel = new() { Dimensions = 384, Features = ["char3", "char4"] };

    private CalibrationScenario(IReadOnlyList<(string Key, string Text)> records) => Records = records;

    public IReadOnlyList<(string Key, string Text)> Records { get; }

    public EmbeddingSpace NewSpace { get; } = HashingEmbedder.GetSpace(NewModel);

    public static async Task<CalibrationScenario> LoadAsync(int count) => new(await DebianPackages.ReadAsync(count));

    public static async Task<List<(string Key, float[] Vector)>> EmbedAsync(
        IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<(string Key, string Text)> records)
    {
        var vectors = new List<(string, float[])>(records.Count);
        foreach (var batch in records.Chunk(128))
        {
            var embeddings = await embedder.GenerateAsync(batch.Select(r => r.Text));
            vectors.AddRange(batch.Zip(embeddings, (r, e) => (r.Key, e.Vector.ToArray())));
        }

        return vectors;
    }

    /// <summary>A request whose baseline is the old model's vectors and whose candidate is <paramref name="candidate"/>.</summary>
    public async Task<VerifyRequest> RequestAsync(
        IReadOnlyList<(string Key, float[] Vector)> candidate, IEmbeddingGenerator<string, Embedding<float>> embedder, VerifyOptions? options = null)
    {
        var old = await EmbedAsync(HashingEmbedder.Create(OldModel), Records);
        return new VerifyRequest
        {
            Source = new ListSource(Records.Select(r => (r.Key, (string?)r.Text))),
            Candidate = InMemoryVectorCollection.Of("shadow", NewSpace.Id, candidate),
            Baseline = InMemoryVectorCollection.Of("live", HashingEmbedder.GetSpace(OldModel).Id, old),
            Embedder = embedder,
            Space = NewSpace,
            Options = options ?? new VerifyOptions(),
        };
    }

    /// <summary>Candidates from the new model: the good migration.</summary>
    public Task<List<(string Key, float[] Vector)>> GoodCandidateAsync() => EmbedAsync(HashingEmbedder.Create(NewModel), Records);

    /// <summary>Seeded random unit vectors, one per record, unrelated to its text.</summary>
    public List<(string Key, float[] Vector)> RandomCandidate(int seed)
    {
        var random = new Random(seed);
        return [.. Records.Select(r => (r.Key, RandomEmbeddingGenerator.UnitVector(random, NewSpace.Dimensions)))];
    }
}
