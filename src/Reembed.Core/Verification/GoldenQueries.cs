using System.Globalization;
using System.Text.Json;

namespace Reembed;

/// <summary>Reads a golden-queries file (config key <c>verify.goldenQueries</c>).</summary>
public static class GoldenQueries
{
    private const string Key = "verify.goldenQueries";

    /// <summary>
    /// Reads JSON lines <c>{"query": "...", "expected": ["id1", "id2"]}</c>; blank lines are ignored, other
    /// properties too.
    /// </summary>
    /// <exception cref="ReembedException"><see cref="ErrorKind.Config"/> naming the path and line of the first bad line.</exception>
    public static async Task<IReadOnlyList<GoldenQuery>> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw ReembedException.Config(Key, $"file not found: {path}");
        }

        var queries = new List<GoldenQuery>();
        using var reader = new StreamReader(path);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var error = TryParse(line, out var query);
            if (error is not null)
            {
                throw ReembedException.Config(Key, string.Create(CultureInfo.InvariantCulture, $"{path} line {number}: {error}"));
            }

            queries.Add(query!);
        }

        return queries;
    }

    /// <summary>Parses one line; returns what is wrong with it, or null.</summary>
    private static string? TryParse(string line, out GoldenQuery? query)
    {
        query = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return $"not valid JSON ({e.Message})";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"expected a JSON object, found {root.ValueKind}";
            }

            if (!root.TryGetProperty("query", out var text) || text.ValueKind != JsonValueKind.String)
            {
                return "\"query\" is missing or not a string";
            }

            var queryText = text.GetString()!;
            if (string.IsNullOrWhiteSpace(queryText))
            {
                return "\"query\" is empty";
            }

            if (!root.TryGetProperty("expected", out var expected) || expected.ValueKind != JsonValueKind.Array)
            {
                return "\"expected\" is missing or not an array of ids";
            }

            var ids = new List<string>();
            foreach (var id in expected.EnumerateArray())
            {
                if (id.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(id.GetString()))
                {
                    return string.Create(CultureInfo.InvariantCulture, $"\"expected\"[{ids.Count}] is not a non-empty string id");
                }

                ids.Add(id.GetString()!);
            }

            if (ids.Count == 0)
            {
                return "\"expected\" is empty";
            }

            query = new GoldenQuery(queryText, ids);
            return null;
        }
    }
}
