namespace Reembed.Enrichment;

/// <summary>Rewrites a record's composed text before it is embedded.</summary>
public abstract class TextEnricher
{
    /// <summary>
    /// The text to embed instead of <paramref name="text"/>. Throws an <see cref="Remote.ApiException"/>:
    /// transient to retry, <see cref="ErrorKind.Item"/> when this record cannot be enriched, fatal to stop the job.
    /// </summary>
    public abstract ValueTask<string> EnrichAsync(string text, CancellationToken cancellationToken = default);
}
