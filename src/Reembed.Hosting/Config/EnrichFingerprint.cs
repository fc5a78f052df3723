namespace Reembed.Hosting;

/// <summary>The enrichment's part of a job fingerprint.</summary>
internal sealed record EnrichFingerprint(string Model, string Prompt);
