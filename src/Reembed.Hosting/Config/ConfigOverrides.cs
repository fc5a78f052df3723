namespace Reembed.Hosting;

/// <summary>Command-line flags that override config keys.</summary>
public sealed record ConfigOverrides(string? Mode = null, string? StatePath = null);
