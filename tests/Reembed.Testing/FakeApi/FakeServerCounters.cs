namespace Reembed.Testing.FakeApi;

/// <summary>What a <see cref="FakeEmbeddingServer"/> has seen and answered. Thread-safe.</summary>
public sealed class FakeServerCounters
{
    // Enough for any test corpus; a long benchmark keeps only the most recent texts.
    private const int MaxReceivedTexts = 1_000_000;
    private const int MaxTimeline = 1_000_000;

    private readonly Lock _lock = new();
    private readonly Queue<string> _receivedTexts = new();
    private readonly Queue<Accepted> _timeline = new();
    private long _requests;
    private long _embeddingRequests;
    private long _chatRequests;
    private long _rateLimited;
    private long _faulted;
    private long _succeeded;
    private long _inputsEmbedded;
    private long _tokensAccepted;
    private DateTimeOffset? _firstAcceptedAt;
    private DateTimeOffset? _lastAcceptedAt;
    private string? _lastRequestBody;
    private long _chunkedRequests;

    /// <summary>Embedding and chat requests received, whatever their outcome.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    public long EmbeddingRequests => Interlocked.Read(ref _embeddingRequests);

    public long ChatRequests => Interlocked.Read(ref _chatRequests);

    /// <summary>429s sent, by the rate buckets or by an injected <see cref="FakeFault.RateLimited"/>.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Responses shaped by <see cref="FakeServerFaults"/> (injected 429s included).</summary>
    public long Faulted => Interlocked.Read(ref _faulted);

    /// <summary>Requests answered 200 with a correct body.</summary>
    public long Succeeded => Interlocked.Read(ref _succeeded);

    /// <summary>Inputs of succeeded embedding requests.</summary>
    public long InputsEmbedded => Interlocked.Read(ref _inputsEmbedded);

    /// <summary>Tokens of succeeded requests (prompt tokens; for chat, completion tokens too).</summary>
    public long TokensAccepted => Interlocked.Read(ref _tokensAccepted);

    /// <summary>When the first succeeded request was answered, by <see cref="FakeServerOptions.Time"/>.</summary>
    public DateTimeOffset? FirstAcceptedAt
    {
        get
        {
            lock (_lock)
            {
                return _firstAcceptedAt;
            }
        }
    }

    public DateTimeOffset? LastAcceptedAt
    {
        get
        {
            lock (_lock)
            {
                return _lastAcceptedAt;
            }
        }
    }

    /// <summary>The raw body of the latest embedding or chat request.</summary>
    public string? LastRequestBody => Volatile.Read(ref _lastRequestBody);

    /// <summary>Requests whose body came without a Content-Length (chunked), which some small servers refuse.</summary>
    public long ChunkedRequests => Interlocked.Read(ref _chunkedRequests);

    /// <summary>A copy of every embedding input received (any outcome), in arrival order.</summary>
    public IReadOnlyList<string> ReceivedTexts
    {
        get
        {
            lock (_lock)
            {
                return _receivedTexts.ToArray();
            }
        }
    }

    /// <summary>
    /// Tokens of the requests that succeeded between <paramref name="from"/> and <paramref name="to"/> (both
    /// included), by when they were answered: a benchmark's window, without its warm-up.
    /// </summary>
    public long TokensAcceptedBetween(DateTimeOffset from, DateTimeOffset to) => SumBetween(from, to, static a => a.Tokens);

    /// <summary>Inputs of the embedding requests that succeeded between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public long InputsAcceptedBetween(DateTimeOffset from, DateTimeOffset to) => SumBetween(from, to, static a => a.Inputs);

    public void Reset()
    {
        lock (_lock)
        {
            _receivedTexts.Clear();
            _timeline.Clear();
            _firstAcceptedAt = null;
            _lastAcceptedAt = null;
            Interlocked.Exchange(ref _requests, 0);
            Interlocked.Exchange(ref _embeddingRequests, 0);
            Interlocked.Exchange(ref _chatRequests, 0);
            Interlocked.Exchange(ref _rateLimited, 0);
            Interlocked.Exchange(ref _faulted, 0);
            Interlocked.Exchange(ref _succeeded, 0);
            Interlocked.Exchange(ref _inputsEmbedded, 0);
            Interlocked.Exchange(ref _tokensAccepted, 0);
            Volatile.Write(ref _lastRequestBody, null);
            Interlocked.Exchange(ref _chunkedRequests, 0);
        }
    }

    internal void OnRequest(bool chat, string body, bool hadContentLength)
    {
        Interlocked.Increment(ref _requests);
        if (!hadContentLength)
        {
            Interlocked.Increment(ref _chunkedRequests);
        }

        if (chat)
        {
            Interlocked.Increment(ref _chatRequests);
        }
        else
        {
            Interlocked.Increment(ref _embeddingRequests);
        }

        Volatile.Write(ref _lastRequestBody, body);
    }

    internal void OnTexts(IReadOnlyList<string> texts)
    {
        lock (_lock)
        {
            foreach (var text in texts)
            {
                if (_receivedTexts.Count == MaxReceivedTexts)
                {
                    _receivedTexts.Dequeue();
                }

                _receivedTexts.Enqueue(text);
            }
        }
    }

    internal void OnRateLimited() => Interlocked.Increment(ref _rateLimited);

    internal void OnFaulted() => Interlocked.Increment(ref _faulted);

    internal void OnSucceeded(int inputs, long tokens, DateTimeOffset now)
    {
        Interlocked.Increment(ref _succeeded);
        Interlocked.Add(ref _inputsEmbedded, inputs);
        Interlocked.Add(ref _tokensAccepted, tokens);
        lock (_lock)
        {
            _firstAcceptedAt ??= now;
            _lastAcceptedAt = now;
            if (_timeline.Count == MaxTimeline)
            {
                _timeline.Dequeue();
            }

            _timeline.Enqueue(new Accepted(now, tokens, inputs));
        }
    }

    private long SumBetween(DateTimeOffset from, DateTimeOffset to, Func<Accepted, long> value)
    {
        lock (_lock)
        {
            long sum = 0;
            foreach (var accepted in _timeline)
            {
                if (accepted.At >= from && accepted.At <= to)
                {
                    sum += value(accepted);
                }
            }

            return sum;
        }
    }

    private readonly record struct Accepted(DateTimeOffset At, long Tokens, int Inputs);
}
