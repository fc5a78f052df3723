using System.Reflection;

namespace Reembed.Bench;

/// <summary>Paths found from the repository root, the folder holding <c>Reembed.slnx</c>.</summary>
internal static class RepoPaths
{
    /// <summary>The shared Debian corpus, in <c>../shared/data</c> beside the repository.</summary>
    public static string SharedCorpus() =>
        Path.Combine(Root()?.Parent?.FullName ?? ".", "shared", "data", "debian-packages.jsonl.gz");

    /// <summary>
    /// <c>reembed.dll</c> in the CLI project's own output, built with this configuration. Its copy beside the bench
    /// lacks the assemblies that ASP.NET Core (which the fake server brings in) also ships, such as
    /// System.Threading.RateLimiting, yet its runtimeconfig names only the base framework, so it cannot load them.
    /// </summary>
    public static string CliDll()
    {
        var configuration = typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var framework = new DirectoryInfo(AppContext.BaseDirectory).Name;
        var own = Root() is { } root ? Path.Combine(root.FullName, "src", "Reembed.Cli", "bin", configuration, framework, "reembed.dll") : null;
        return own is not null && File.Exists(own) ? own : Path.Combine(AppContext.BaseDirectory, "reembed.dll");
    }

    private static DirectoryInfo? Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reembed.slnx")))
        {
            dir = dir.Parent;
        }

        return dir;
    }
}
