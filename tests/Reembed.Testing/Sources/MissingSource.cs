namespace Reembed.Testing;

/// <summary>A source over a store that is not there (no file, no table), and what its open error must name.</summary>
/// <param name="Source">The unopened source.</param>
/// <param name="Subject">The config key the error is about, e.g. <c>source.path</c>.</param>
/// <param name="Named">The path, table or other name the message must contain.</param>
public sealed record MissingSource(RecordSource Source, string Subject, string Named);
