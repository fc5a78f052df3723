using Microsoft.Extensions.AI;

namespace Reembed;

/// <summary>What <see cref="Verifier.RunAsync"/> verifies, against what, and how.</summary>
public sealed class VerifyRequest
{
    /// <summary>The records the candidate should hold a vector for: those with a text and no failure.</summary>
    public required RecordSource Source { get; init; }

    /// <summary>The vectors verified, usually a shadow table a job wrote.</summary>
    public required VectorCollection Candidate { get; init; }

    /// <summary>The old vectors (the live table the shadow would replace); null when there are none.</summary>
    public VectorCollection? Baseline { get; init; }

    /// <summary>The candidate's model: embeds sample texts for self-retrieval and golden queries for the new side.</summary>
    public required IEmbeddingGenerator<string, Embedding<float>> Embedder { get; init; }

    /// <summary>The old model; null leaves the old side of the golden queries out.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? BaselineEmbedder { get; init; }

    /// <summary>The space the candidate must hold.</summary>
    public required EmbeddingSpace Space { get; init; }

    public IReadOnlyList<GoldenQuery> GoldenQueries { get; init; } = [];

    /// <summary>Keys in the job's failures ledger: missing ones are reported as known failures (they still count as missing).</summary>
    public IReadOnlySet<string> LedgeredKeys { get; init; } = new HashSet<string>();

    public string? JobId { get; init; }

    public VerifyOptions Options { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
