using System.Diagnostics;
using Reembed.Testing.Png;

namespace Reembed.Tests.Verification.Html;

/// <summary>
/// Takes screenshots of HTML with a headless Chromium: the one <c>REEMBED_TEST_CHROMIUM</c> names
/// (<c>scripts/test-chromium.sh</c> finds or installs it, ./test.sh sets it), else <c>chromium</c> on PATH.
/// A missing browser fails the test, never skips it.
/// </summary>
internal static class HeadlessChromium
{
    public const string Variable = "REEMBED_TEST_CHROMIUM";
    public const int ViewportWidth = 1200;
    public const int ViewportHeight = 1600;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static string Executable
    {
        get
        {
            if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured)
            {
                return File.Exists(configured)
                    ? configured
                    : throw new InvalidOperationException($"{Variable}={configured}, but there is no such file.");
            }

            var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, "chromium"))
                .FirstOrDefault(File.Exists);
            return onPath ?? throw new InvalidOperationException(
                $"No headless Chromium: {Variable} is not set and there is no chromium on PATH. " +
                $"Run `export {Variable}=\"$(scripts/test-chromium.sh)\"` (it installs Debian's chromium as root; ./test.sh does this).");
        }
    }

    /// <summary>Renders <paramref name="html"/> from a file in a 1200 x 1600 viewport and decodes the PNG.</summary>
    public static async Task<PngImage> ScreenshotAsync(string html, CancellationToken cancellationToken = default)
    {
        var directory = Path.Combine(Path.GetTempPath(), "reembed-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var page = Path.Combine(directory, "report.html");
            var png = Path.Combine(directory, "report.png");
            await File.WriteAllTextAsync(page, html, cancellationToken);
            var (exitCode, output) = await RunAsync(Arguments(directory, page, png), cancellationToken);
            if (exitCode != 0 || !File.Exists(png))
            {
                throw new InvalidOperationException($"chromium exited with {exitCode} and {(File.Exists(png) ? "a" : "no")} screenshot:\n{Tail(output)}");
            }

            return PngDecoder.DecodeFile(png);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static List<string> Arguments(string directory, string page, string png) =>
    [
        // Since Chromium 132 plain --headless is the new headless mode (the old one left for chrome-headless-shell).
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        $"--window-size={ViewportWidth},{ViewportHeight}",
        // Our own profile: otherwise a second Chromium on the same default profile hands its work to the first and exits.
        $"--user-data-dir={Path.Combine(directory, "profile")}",
        "--no-first-run",
        "--force-device-scale-factor=1",
        $"--screenshot={png}",
        new Uri(page).AbsoluteUri,
    ];

    private static async Task<(int ExitCode, string Output)> RunAsync(List<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium took longer than {Timeout.TotalSeconds:0} s to take a screenshot");
        }
    }

    private static string Tail(string output) => output.Length <= 4000 ? output : output[^4000..];
}
