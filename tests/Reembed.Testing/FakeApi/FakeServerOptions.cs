namespace Reembed.Testing.FakeApi;

/// <summary>How a <see cref="FakeEmbeddingServer"/> behaves when nothing goes wrong. Read on every request.</summary>
public sealed class FakeServerOptions
{
    /// <summary>Vector length when a request does not ask for <c>dimensions</c>.</summary>
    public int Dimensions { get; set; } = 64;

    /// <summary>Mean delay before a request is answered (after the rate check).</summary>
    public TimeSpan LatencyMean { get; set; } = TimeSpan.Zero;

    /// <summary>The delay is uniform in <see cref="LatencyMean"/> ± this.</summary>
    public TimeSpan LatencyJitter { get; set; } = TimeSpan.Zero;

    /// <summary>Request bucket size and refill per minute; null is unlimited.</summary>
    public int? RequestsPerMinute { get; set; }

    /// <summary>Token bucket size and refill per minute; null is unlimited.</summary>
    public int? TokensPerMinute { get; set; }

    /// <summary>
    /// Seconds of the limits a full bucket holds: capacity is limit × this / 60; the refill stays limit per minute.
    /// The default, 60, is a full minute's allowance, as hosted APIs give.
    /// </summary>
    public double BurstSeconds { get; set; } = 60;

    /// <summary>When set, <c>Authorization: Bearer</c> or Azure's <c>api-key</c> must equal it.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Embedding models (and Azure deployments) the server knows.</summary>
    public ISet<string> Models { get; set; } = new HashSet<string>(StringComparer.Ordinal) { "text-embedding-3-small", "nomic-embed-text" };

    /// <summary>Chat models the server knows.</summary>
    public ISet<string> ChatModels { get; set; } = new HashSet<string>(StringComparer.Ordinal) { "gpt-4o-mini" };

    public int MaxInputsPerRequest { get; set; } = 2048;

    public int MaxTokensPerRequest { get; set; } = 300_000;

    /// <summary>Context length of one input, in <see cref="FakeEmbeddingServer.CountTokens"/> tokens.</summary>
    public int MaxInputTokens { get; set; } = 8192;

    /// <summary>Refuse <c>encoding_format: base64</c> with a 400, as some OpenAI-compatible servers do.</summary>
    public bool RejectBase64 { get; set; }

    /// <summary>Return <c>data</c> out of order; only <c>index</c> says which input a vector belongs to.</summary>
    public bool ShuffleData { get; set; }

    /// <summary>A broken model: vectors are random on every call instead of a function of the text.</summary>
    public bool RandomVectors { get; set; }

    /// <summary>Seed of the one random source behind faults, jitter, shuffling and random vectors.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Clock of the rate buckets, their headers, latency and the counters' timestamps.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;
}
