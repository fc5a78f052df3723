using Reembed.Hashing;

namespace Reembed.Hosting;

/// <summary>The <c>embedder</c> section, resolved: exactly one of <see cref="Hashing"/> and <see cref="Remote"/> is set.</summary>
public sealed record EmbedderSpec(string Type, HashingEmbedderOptions? Hashing, RemoteEmbedderSpec? Remote)
{
    /// <summary>The embedder runs in-process: sampling it for a time estimate costs nothing.</summary>
    public bool IsLocal => Hashing is not null;
}
