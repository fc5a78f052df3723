namespace Reembed.Cli;

/// <summary>The <c>source</c> section, resolved: paths absolute, template parsed.</summary>
internal sealed record SourceSpec(string Type, string Path, string Id, TextTemplate Text, string? Table, string? Where);
