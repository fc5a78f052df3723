using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Reembed.Tests;

/// <summary>Runs the real <c>reembed</c> CLI as a child process, the way users run it.</summary>
internal static class CliProcess
{
    private static readonly string Dll = FindCli();

    public static Process Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["REEMBED_LOG_LEVEL"] = "debug";
        info.Environment["REEMBED_PROGRESS_SECONDS"] = "0.5";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        if (environment?.ContainsKey(FaultHook.Variable) == true)
        {
            info.Environment["DOTNET_STARTUP_HOOKS"] = FaultHook.AssemblyPath;
        }

        return Process.Start(info)!;
    }

    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args) =>
        await RunAsync(workingDirectory, null, args);

    public static async Task<CliResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var process = Start(workingDirectory, environment, args);
        var (stdout, stderr) = Capture(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Collects a process's output as it comes, so that a killed process's output is kept too.</summary>
    public static (StringBuilder Stdout, StringBuilder Stderr) Capture(Process process)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stdout)
                {
                    stdout.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (stdout, stderr);
    }

    /// <summary>Waits until <paramref name="output"/> contains <paramref name="text"/>, the process exits, or a minute passes.</summary>
    public static async Task WaitForOutputAsync(Process process, StringBuilder output, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!process.HasExited && DateTime.UtcNow < deadline && !Contains(output, text))
        {
            await Task.Delay(5);
        }
    }

    public static bool Contains(StringBuilder output, string text)
    {
        lock (output)
        {
            return output.ToString().Contains(text, StringComparison.Ordinal);
        }
    }

    public static void Signal(Process process, int signal)
    {
        if (Kill(process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>
    /// The CLI from its own build output, with its own dependencies and runtime config, as users get it.
    /// The copy in this test folder would run against this folder's assemblies, which the ASP.NET
    /// framework of the fake server has pruned.
    /// </summary>
    private static string FindCli()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Reembed.slnx")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? "/", "src", "Reembed.Cli", "bin", configuration, framework, "reembed.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build src/Reembed.Cli first", dll);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
