namespace Reembed.Providers;

/// <summary>The <c>state</c> key, bound by its provider: where jobs, watermarks and the failures ledger live.</summary>
public abstract record StateSpec : StoreSpec
{
    /// <summary>Where the state is, for messages (no secrets).</summary>
    public abstract string Description { get; }

    /// <summary>The local folder of the state, when it is a file: the default cache and reports go beside it.</summary>
    public virtual string? Folder => null;
}
