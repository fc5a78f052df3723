namespace Reembed.Tests;

/// <summary>
/// Holds a CLI child process at a named fault point (e.g. <c>swap.renamed</c>) so a test can kill it exactly there:
/// <see cref="Variable"/> names the point, and <see cref="CliProcess"/> adds the startup hook that installs the seam.
/// </summary>
internal static class FaultHook
{
    public const string Variable = "REEMBED_PAUSE_AT";

    /// <summary>The startup-hook assembly, copied beside the test binaries by its project reference.</summary>
    public static string AssemblyPath => Path.Combine(AppContext.BaseDirectory, "Reembed.FaultHooks.dll");
}
