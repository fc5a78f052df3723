using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reembed.Bench.Rate;

/// <summary>The real CLI against the fake: <c>reembed run</c> in a child process, stopped with SIGTERM.</summary>
internal static class OursRun
{
    private const string ApiKeyEnv = "REEMBED_BENCH_API_KEY";
    private const string ApiKey = "sk-bench-0123456789";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(60);

    public static async Task<RateMeasure> RunAsync(RateScenario scenario, RateSettings settings, int seed)
    {
        var work = Path.Combine(Path.GetTempPath(), "reembed-bench-rate", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(work);
        try
        {
            await using var server = await scenario.StartServerAsync(seed, ApiKey);
            var config = WriteConfig(work, settings.Corpus, server.OpenAiBaseUrl);
            var start = CounterSnapshot.Take(server);
            using var process = Start(config, work);
            var stderr = new StderrTail(process);
            var watch = RateWindow.WatchAsync(server, start.At, settings);
            if (await Task.WhenAny(watch, process.WaitForExitAsync()) != watch)
            {
                throw new InvalidOperationException($"reembed exited with {process.ExitCode} before the stop:\n{stderr}");
            }

            var (window, stop) = await watch;
            Signals.Interrupt(process);
            var stopping = TimeProvider.System.GetTimestamp();
            using var grace = new CancellationTokenSource(StopGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"reembed did not stop within {StopGrace.TotalSeconds} s of SIGTERM:\n{stderr}");
            }

            // A slow stop is the user's wait after Ctrl-C: worth seeing, though not part of the measure.
            var after = server.Counters.Succeeded - stop.Succeeded;
            Console.Error.WriteLine(
                $"reembed stopped {TimeProvider.System.GetElapsedTime(stopping).TotalSeconds:0.0} s after SIGTERM, exit {process.ExitCode}; {after} requests answered 200 meanwhile");
            return RateMeasure.From(server, start, window, stop, skipped: null);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string WriteConfig(string work, string corpus, Uri baseUrl)
    {
        var config = new JsonObject
        {
            ["source"] = new JsonObject { ["type"] = "jsonl", ["path"] = corpus, ["id"] = "id", ["text"] = "{summary}\n\n{description}" },
            ["target"] = new JsonObject { ["type"] = "sqlite", ["path"] = Path.Combine(work, "vectors.db"), ["table"] = "docs_vectors" },
            ["embedder"] = new JsonObject
            {
                ["type"] = "openai",
                ["baseUrl"] = baseUrl.ToString(),
                ["model"] = "text-embedding-3-small",
                ["dimensions"] = RateScenario.Dimensions,
                ["apiKeyEnv"] = ApiKeyEnv,
                ["requestsPerMinute"] = RateScenario.RequestsPerMinute,
                ["tokensPerMinute"] = RateScenario.TokensPerMinute,
                ["maxConcurrency"] = "auto",
            },
            // Every text is sent: a cache would turn a repeat run into lookups.
            ["cache"] = false,
            ["state"] = Path.Combine(work, "state.db"),
        };
        var path = Path.Combine(work, "reembed.json");
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static Process Start(string config, string work)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.CliDll());
        info.ArgumentList.Add("run");
        info.ArgumentList.Add(config);
        info.Environment[ApiKeyEnv] = ApiKey;
        var process = Process.Start(info)!;
        process.OutputDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

    private static string DotnetHost() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
}
