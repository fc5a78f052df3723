namespace Reembed.Postgres.Sink;

/// <summary>
/// The embedding space of a vector column, kept as one line <c>reembed:space=&lt;id&gt; &lt;description&gt;</c>
/// of the column's comment, so that it travels with the column and leaves any other comment text intact.
/// </summary>
internal static class PgSpaceTag
{
    private const string Prefix = "reembed:space=";

    /// <summary>The space id tagged in <paramref name="comment"/>, or null when it has no tag.</summary>
    public static string? Read(string? comment)
    {
        var line = Lines(comment).FirstOrDefault(static l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (line is null)
        {
            return null;
        }

        var id = line[Prefix.Length..];
        var end = id.IndexOf(' ', StringComparison.Ordinal);
        return end < 0 ? id : id[..end];
    }

    /// <summary><paramref name="comment"/> with its tag line replaced by (or extended with) one for <paramref name="space"/>.</summary>
    public static string Write(string? comment, EmbeddingSpace space)
    {
        var kept = Lines(comment).Where(static l => !l.StartsWith(Prefix, StringComparison.Ordinal));
        return string.Join('\n', kept.Append($"{Prefix}{space.Id} {space.Description}"));
    }

    private static IEnumerable<string> Lines(string? comment) =>
        string.IsNullOrEmpty(comment) ? [] : comment.Split('\n');
}
