namespace Reembed;

/// <summary>
/// A target that keeps a live table (or file) under a fixed name and can hold shadows beside it:
/// tables of other spaces named by <see cref="ShadowName"/>. A job writes a new space into its shadow
/// while the live one keeps serving; <see cref="SwapAsync"/> makes the shadow live in one atomic step
/// (the live one takes the shadow name of its own space), <see cref="RollbackAsync"/> reverses the latest
/// step exactly, and <see cref="CleanupAsync"/> drops what the latest step demoted. Each step and its
/// journal entry are one atomic unit where the store allows it (a transaction); elsewhere a kill between
/// them leaves a state <see cref="InspectAsync"/> recognises and the next step completes.
/// </summary>
public abstract class CutoverTarget : IAsyncDisposable
{
    /// <summary>The target, for messages (no secrets), e.g. <c>sqlite out/v.db</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The live name: <c>target.table</c>, or the file name of <c>target.path</c>.</summary>
    public abstract string LiveName { get; }

    /// <summary>
    /// The name vectors of <paramref name="spaceId"/> have while they are not live: deterministic, so a
    /// resumed job finds its shadow and a swap names the demoted table without asking.
    /// </summary>
    public abstract string ShadowName(string spaceId);

    /// <summary>Finds the live table/file, the shadows and demoted ones, and the latest journal entry.</summary>
    public abstract ValueTask<CutoverState> InspectAsync(CancellationToken cancellationToken = default);

    /// <summary>Opens <paramref name="name"/> (the live name or a shadow) for reading; null when it does not exist.</summary>
    public abstract ValueTask<VectorCollection?> OpenCollectionAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the shadow of <paramref name="spaceId"/> live: the live table/file becomes the shadow name of
    /// its own space (or is dropped when it is empty and untagged), the shadow takes the live name; journaled.
    /// </summary>
    /// <exception cref="ReembedException"><see cref="ErrorKind.Config"/> when there is no such shadow, or the live one already holds that space.</exception>
    public abstract ValueTask<CutoverStep> SwapAsync(string spaceId, string jobId, CancellationToken cancellationToken = default);

    /// <summary>Reverses the latest swap exactly (journaled as a <c>rollback</c> step).</summary>
    /// <exception cref="ReembedException"><see cref="ErrorKind.Config"/> when the latest step is not a swap or its demoted table/file is gone.</exception>
    public abstract ValueTask<CutoverStep> RollbackAsync(CancellationToken cancellationToken = default);

    /// <summary>Drops <see cref="CutoverState.Superseded"/>; returns its name, or null when there is nothing to drop.</summary>
    public abstract ValueTask<string?> CleanupAsync(CancellationToken cancellationToken = default);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
