using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Reembed.Remote;

namespace Reembed.Testing;

/// <summary>
/// An embedder for tests of what sits in front of a remote API: records when each request was sent
/// (on the given clock) and how many were in flight, and answers with the usage tokens and rate-limit
/// headers a real provider would report. <see cref="OnSend"/> sees the 0-based request number and may
/// throw an <see cref="ApiException"/> or await.
/// </summary>
public sealed class ScriptedEmbeddingGenerator(TimeProvider time, int dimensions = 4) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ConcurrentQueue<DateTimeOffset> _sentAt = new();
    private int _requests;
    private int _inFlight;
    private int _maxInFlight;

    public Func<int, IReadOnlyList<string>, CancellationToken, Task>? OnSend { get; set; }

    /// <summary>The tokens the "server" says it counted for a request; null reports no usage.</summary>
    public Func<IReadOnlyList<string>, long?>? UsageTokens { get; set; }

    /// <summary>The rate-limit headers of a successful answer, by request number.</summary>
    internal Func<int, RateLimitInfo?>? RateLimit { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<DateTimeOffset> SentAt => _sentAt.ToArray();

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var inputs = values.ToList();
        var number = Interlocked.Increment(ref _requests) - 1;
        _sentAt.Enqueue(time.GetUtcNow());
        var inFlight = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, inFlight);
        try
        {
            if (OnSend is not null)
            {
                await OnSend(number, inputs, cancellationToken);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(
            inputs.Select(text => new Embedding<float>(FakeEmbeddingGenerator.VectorFor(text, dimensions))));
        if (UsageTokens?.Invoke(inputs) is { } tokens)
        {
            result.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
        }

        if (RateLimit?.Invoke(number) is { } info)
        {
            result.AdditionalProperties = new AdditionalPropertiesDictionary { [RemoteProperties.RateLimit] = info };
        }

        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
