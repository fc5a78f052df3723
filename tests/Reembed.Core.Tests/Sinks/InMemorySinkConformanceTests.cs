using Reembed.Testing;

namespace Reembed.Tests;

/// <summary>
/// The in-memory sink the pipeline tests write to must behave like the real targets. It is its own store: every
/// <see cref="CreateSink"/> of a test returns the same instance, as every sink of a file reaches that file.
/// </summary>
public sealed class InMemorySinkConformanceTests : VectorSinkConformanceTests
{
    private readonly InMemorySink _sink = new();

    protected override bool ReturnsResumeTokens => true;

    protected override VectorSink CreateSink() => _sink;

    protected override Task<IReadOnlyDictionary<string, StoredRow>> ReadBackAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, StoredRow>>(_sink.Rows.ToDictionary(
            pair => pair.Key,
            pair => new StoredRow(pair.Value.Vector.ToArray(), pair.Value.ContentHash, _sink.Space?.Id ?? "(untagged)"),
            StringComparer.Ordinal));
}
