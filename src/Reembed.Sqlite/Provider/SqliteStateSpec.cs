using Reembed.Providers;

namespace Reembed.Sqlite;

/// <summary><c>state</c> in a SQLite file: the default (<c>.reembed/state.db</c> beside the config).</summary>
public sealed record SqliteStateSpec : StateSpec
{
    public override string Type => SqliteStoreProvider.Kind;

    /// <summary>Absolute path of the state file.</summary>
    public required string Path { get; init; }

    public override string Description => Path;

    public override string? Folder => System.IO.Path.GetDirectoryName(Path);
}
