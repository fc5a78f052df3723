using Reembed.Hashing;

namespace Reembed.Cli;

/// <summary>The <c>embedder</c> section, resolved.</summary>
internal sealed record EmbedderSpec(string Type, HashingEmbedderOptions Hashing)
{
    /// <summary>The embedder runs in-process: sampling it for a time estimate costs nothing.</summary>
    public bool IsLocal => Type == "hashing";
}
