namespace Reembed;

/// <summary>
/// A conservative token estimate with no tokenizer: about four characters a token for English,
/// rounded up, so batches stay under a provider's per-request token cap.
/// </summary>
internal static class TokenEstimator
{
    public static int Estimate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (text.Length + 3) / 4 + 1;
    }
}
