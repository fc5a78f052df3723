using System.Text.RegularExpressions;

namespace Reembed.Tests;

/// <summary>
/// The <c>--json</c> documents of every verb on the quickstart, byte for byte against files recorded from the
/// CLI before the engine moved into Reembed.Hosting. Only what differs per run is masked: the folder, job ids,
/// timestamps and measured speeds. Set <c>REEMBED_RECORD_GOLDEN=1</c> to write the files anew (and review the diff).
/// </summary>
public sealed partial class JsonShapeTests
{
    private static readonly string[] Measured = ["durationSeconds", "recordsPerSecond", "estimatedSeconds"];

    [Fact]
    public async Task JsonOutputs_OnTheQuickstart_AreByteIdenticalToTheRecordedOnes()
    {
        using var workspace = new Workspace();
        CopyQuickstart(workspace.Dir);
        var steps = new (string Name, int Exit, string[] Args)[]
        {
            ("plan", 0, ["plan", "reembed.json", "--json"]),
            ("run", 0, ["run", "reembed.json", "--json"]),
            ("status", 0, ["status", "reembed.json", "--json"]),
            ("jobs", 0, ["jobs", "reembed.json", "--json"]),
            ("cancel-finished", 2, ["cancel", "reembed.json", "--json"]),
            ("migrate-plan", 0, ["plan", "migrate.json", "--json"]),
            ("migrate-run", 0, ["run", "migrate.json", "--json"]),
            ("migrate-swap-unverified", 2, ["swap", "migrate.json", "--json"]),
            ("migrate-verify", 0, ["verify", "migrate.json", "--json"]),
            ("migrate-swap", 0, ["swap", "migrate.json", "--json"]),
            ("migrate-status", 0, ["status", "migrate.json", "--json"]),
            ("migrate-rollback", 0, ["rollback", "migrate.json", "--json"]),
            ("migrate-swap-again", 0, ["swap", "migrate.json", "--json"]),
            ("migrate-cleanup", 0, ["cleanup", "migrate.json", "--json", "--yes"]),
            ("migrate-cleanup-nothing", 0, ["cleanup", "migrate.json", "--json", "--yes"]),
            ("init", 0, ["init", "new.json", "--json"]),
            ("bad-config", 2, ["plan", "missing.json", "--json"]),
        };

        var record = Environment.GetEnvironmentVariable("REEMBED_RECORD_GOLDEN") == "1";
        foreach (var (name, exit, args) in steps)
        {
            var result = await CliProcess.RunAsync(workspace.Dir, args);
            result.AssertExit(exit);
            var actual = Normalize(result.Stdout, workspace.Dir);
            var path = Path.Combine(GoldenFolder(), name + ".json");
            if (record)
            {
                await File.WriteAllTextAsync(path, actual);
                continue;
            }

            Assert.True(File.Exists(path), $"no recorded output {path}");
            var expected = await File.ReadAllTextAsync(path);
            Assert.True(expected == actual, $"{name}: --json output differs from the recorded one.\nexpected:\n{expected}\nactual:\n{actual}");
        }
    }

    private static string Normalize(string stdout, string dir)
    {
        var text = stdout.Replace(dir, "$DIR", StringComparison.Ordinal);
        text = JobId().Replace(text, "$JOB");
        text = Timestamp().Replace(text, "$TIME");
        foreach (var key in Measured)
        {
            text = Regex.Replace(text, $"\"{key}\": [0-9.eE+-]+", $"\"{key}\": 0");
        }

        return text;
    }

    private static void CopyQuickstart(string dir)
    {
        var quickstart = Path.Combine(RepoRoot(), "examples", "quickstart");
        foreach (var name in new[] { "reembed.json", "migrate.json" })
        {
            File.Copy(Path.Combine(quickstart, name), Path.Combine(dir, name));
        }

        Directory.CreateDirectory(Path.Combine(dir, "data"));
        File.Copy(Path.Combine(quickstart, "data", "packages.jsonl.gz"), Path.Combine(dir, "data", "packages.jsonl.gz"));
    }

    private static string GoldenFolder() => Path.Combine(RepoRoot(), "tests", "Reembed.Cli.Tests", "Golden", "quickstart");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reembed.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("the repository root (Reembed.slnx) is not above the test binaries");
    }

    [GeneratedRegex(@"\d{8}-\d{6}-[0-9a-f]{6}")]
    private static partial Regex JobId();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex Timestamp();
}
