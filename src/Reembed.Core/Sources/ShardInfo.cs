namespace Reembed;

/// <summary>A unit of resume: a file, or a key range of a keyed store.</summary>
/// <param name="Id">Stable within the job, e.g. <c>0</c>, <c>1</c>.</param>
/// <param name="Descriptor">Source-specific description persisted with the job (e.g. a key range); opaque to the pipeline.</param>
public sealed record ShardInfo(string Id, string Descriptor);
