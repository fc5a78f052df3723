namespace Reembed.Verification.Json;

/// <summary>The space verified: its id and its description.</summary>
public sealed record SpaceDocument(string Id, string Description);
