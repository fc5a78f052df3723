namespace Reembed.Providers;

/// <summary>What a provider's binding gets besides its own section: the config's folder, the source already bound, a warning sink.</summary>
public sealed class StoreBindingContext
{
    /// <summary>The folder of the config file: relative paths resolve against it.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>The bound <c>source</c>, when binding the <c>target</c> (an in-place target is the source's own table).</summary>
    public SourceSpec? Source { get; init; }

    /// <summary>Receives warnings about the config (a deprecated key); null drops them.</summary>
    public Action<string>? Warn { get; init; }

    /// <summary>An absolute path: <paramref name="path"/> as is when rooted, else under <see cref="BaseDirectory"/>.</summary>
    public string Resolve(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(BaseDirectory, path));
}
