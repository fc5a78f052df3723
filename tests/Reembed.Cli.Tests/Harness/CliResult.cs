using System.Text.Json;

namespace Reembed.Tests;

/// <summary>What one run of the real CLI left behind.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json()
    {
        try
        {
            using var document = JsonDocument.Parse(Stdout);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"stdout is not one JSON document ({ex.Message}):\n{Stdout}\nstderr:\n{Stderr}", ex);
        }
    }

    /// <summary>Items sent to the embedder, from the debug log (one line per embedding request).</summary>
    public int EmbeddedItemsLogged => CountEmbedded(Stderr);

    /// <summary>Fails with the whole output when the exit code is not <paramref name="expected"/>.</summary>
    public CliResult AssertExit(int expected)
    {
        Assert.True(ExitCode == expected, $"expected exit {expected}: {this}");
        return this;
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";

    public static int CountEmbedded(string log) =>
        log.Split('\n')
            .Select(static line => System.Text.RegularExpressions.Regex.Match(line, @"embed batch \d+: (\d+) items"))
            .Where(static match => match.Success)
            .Sum(static match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
}
