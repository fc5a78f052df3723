namespace Reembed.Cli;

/// <summary>Command-line flags that override config keys.</summary>
internal sealed record ConfigOverrides(string? Mode = null, string? StatePath = null);
