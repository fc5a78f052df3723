namespace Reembed.Hosting;

/// <summary>Items and (estimated) tokens a mode would embed.</summary>
public sealed record ModeCount(long Items, long Tokens);
