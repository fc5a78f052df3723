using System.Diagnostics;
using System.Text.Json;

namespace Reembed.Bench;

/// <summary>What every benchmark verb shares: medians, flags, and one measured run in a child process.</summary>
internal static class BenchTools
{
    private static readonly JsonSerializerOptions ResultOptions = new() { PropertyNameCaseInsensitive = true };

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The value after <paramref name="name"/> in <paramref name="args"/>, or null.</summary>
    public static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>
    /// Runs this benchmark again as a child process with <paramref name="args"/> (a fresh process per run,
    /// so that peak RSS is the run's own) and reads the one JSON line it prints.
    /// </summary>
    public static async Task<T> RunChildAsync<T>(string scenario, params string[] args)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            info.ArgumentList.Add(typeof(BenchTools).Assembly.Location);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{scenario} run failed with exit {process.ExitCode}");
        }

        return JsonSerializer.Deserialize<T>(output.Trim(), ResultOptions)!;
    }
}
