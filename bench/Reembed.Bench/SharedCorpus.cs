namespace Reembed.Bench;

/// <summary>The shared Debian corpus, found beside the repository: <c>../shared/data</c> from the folder holding <c>Reembed.slnx</c>.</summary>
internal static class SharedCorpus
{
    public static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Reembed.slnx")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.Parent?.FullName ?? ".", "shared", "data", "debian-packages.jsonl.gz");
    }
}
