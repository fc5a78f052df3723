namespace Reembed;

/// <summary>
/// Turns a source record into what the embedder is sent: the text, its content hash and its token
/// estimate, or why it is skipped or failed. A run and a plan both compose through it, so that the
/// plan counts what the run sends.
/// </summary>
internal sealed class TextComposer
{
    private readonly PipelineOptions _options;

    public TextComposer(PipelineOptions options) => _options = options;

    /// <summary>The record's text as read, before any enrichment: a record with none fails, a blank one is skipped.</summary>
    public static PlannedItem Compose(SourceRecord record)
    {
        if (record.Failure is not null || record.Text is null)
        {
            return new PlannedItem
            {
                Key = record.Key,
                Locator = record.Locator,
                Disposition = Disposition.Fail,
                Failure = record.Failure ?? new ItemFailure(ItemFailure.Stages.Compose, "no-text", "the source gave no text"),
            };
        }

        return string.IsNullOrWhiteSpace(record.Text)
            ? new PlannedItem { Key = record.Key, Locator = record.Locator, Disposition = Disposition.SkipEmpty }
            : new PlannedItem { Key = record.Key, Locator = record.Locator, Text = record.Text, Disposition = Disposition.Embed };
    }

    /// <summary>Hashes the text to embed (after enrichment, if any) and applies the per-input token cap.</summary>
    public void Finish(PlannedItem item)
    {
        // The hash is of the text before any truncation: it identifies the record's content, and must
        // not move when the token estimate is recalibrated.
        var text = item.Text!;
        item.ContentHash = ContentHash.Compute(text);
        var tokens = _options.Tokens;
        var estimate = tokens.Estimate(text);
        if (_options.MaxInputTokens is { } cap && estimate > cap)
        {
            if (_options.Oversize == OversizePolicy.Fail)
            {
                item.Disposition = Disposition.Fail;
                item.Failure = new ItemFailure(ItemFailure.Stages.Embed, "oversize",
                    $"text of {text.Length:N0} characters is about {estimate:N0} tokens, over embedder.maxInputTokens = {cap:N0} (oversize: fail)");
                return;
            }

            text = Truncate(text, tokens.CharsFor(cap));
            estimate = tokens.Estimate(text);
        }

        item.Text = text;
        item.Tokens = estimate;
    }

    /// <summary>The first <paramref name="chars"/> characters, cut back to a word boundary when one is near, never inside a surrogate pair.</summary>
    internal static string Truncate(string text, int chars)
    {
        if (text.Length <= chars)
        {
            return text;
        }

        var end = chars;
        var space = text.LastIndexOfAny([' ', '\n', '\t'], end - 1, Math.Min(end, 64));
        if (space > 0)
        {
            end = space;
        }
        else if (char.IsLowSurrogate(text[end]) && end > 0)
        {
            end--;
        }

        return text[..end];
    }
}
