using Reembed.Jsonl;

namespace Reembed.Bench.Rate;

/// <summary>The corpus's texts, composed by the same source and template the CLI uses, for the naive client.</summary>
internal static class CorpusTexts
{
    public static async Task<IReadOnlyList<string>> LoadAsync(string corpus)
    {
        await using var source = JsonlStores.CreateSource(new JsonlSourceOptions
        {
            Path = corpus,
            Text = TextTemplate.Parse("{summary}\n\n{description}", "source.text"),
        });
        await source.OpenAsync();
        var texts = new List<string>();
        foreach (var shard in await source.GetShardsAsync())
        {
            await foreach (var record in source.ReadAsync(shard, null))
            {
                if (record.Text is { Length: > 0 } text)
                {
                    texts.Add(text);
                }
            }
        }

        return texts;
    }
}
