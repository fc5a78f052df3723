namespace Reembed.Hosting;

/// <summary>The embedder's part of a job fingerprint: its type and the space it makes.</summary>
internal sealed record EmbedderFingerprint(string Type, string Space, string Description);
