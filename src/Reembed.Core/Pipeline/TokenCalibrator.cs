namespace Reembed;

/// <summary>
/// Token estimates with no tokenizer. It starts conservative (three characters a token, so batches
/// stay under a provider's caps) and learns the real ratio from the <c>usage</c> the provider reports,
/// keeping a safety margin. Thread-safe: every embedding worker reports into one instance.
/// </summary>
public sealed class TokenCalibrator
{
    public const double InitialCharsPerToken = 3.0;

    // Estimates stay a little above what was observed, so a cap is not crossed by a text that
    // tokenizes worse than the average.
    private const double Margin = 0.92;
    private const double MinCharsPerToken = 1.0;
    private const double MaxCharsPerToken = 8.0;

    // Calibrate only once enough tokens were seen for the average to mean something.
    private const long MinObservedTokens = 2_000;

    private readonly Lock _lock = new();
    private long _observedChars;
    private long _observedTokens;
    private double _charsPerToken = InitialCharsPerToken;

    /// <summary>The characters-per-token ratio in use now.</summary>
    public double CharsPerToken
    {
        get
        {
            lock (_lock)
            {
                return _charsPerToken;
            }
        }
    }

    public int Estimate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return EstimateLength(text.Length);
    }

    public int EstimateLength(int chars) => (int)Math.Ceiling(chars / CharsPerToken) + 1;

    /// <summary>The longest prefix length (in characters) estimated to fit in <paramref name="tokens"/>.</summary>
    public int CharsFor(int tokens) => (int)Math.Max(1, Math.Floor((tokens - 1) * CharsPerToken));

    /// <summary>Learns from a response: <paramref name="chars"/> characters were counted as <paramref name="tokens"/> tokens.</summary>
    public void Observe(long chars, long tokens)
    {
        if (chars <= 0 || tokens <= 0)
        {
            return;
        }

        lock (_lock)
        {
            _observedChars += chars;
            _observedTokens += tokens;
            if (_observedTokens >= MinObservedTokens)
            {
                _charsPerToken = Math.Clamp((double)_observedChars / _observedTokens * Margin, MinCharsPerToken, MaxCharsPerToken);
            }
        }
    }
}
