namespace Reembed.Hosting;

/// <summary>The document a host prints for an error: its kind (<c>config</c>, <c>fatal</c>, <c>cancelled</c>, <c>internal</c>) and message.</summary>
public sealed record ErrorResult(ErrorDetail Error, int ExitCode);
