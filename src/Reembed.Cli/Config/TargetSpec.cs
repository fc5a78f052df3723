namespace Reembed.Cli;

/// <summary>The <c>target</c> section, resolved: paths absolute.</summary>
internal sealed record TargetSpec(string Type, string Path, string? Table);
