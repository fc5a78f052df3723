namespace Reembed;

/// <summary>A failure of the record with <paramref name="Key"/>, as it enters the ledger.</summary>
public sealed record ItemFailureEntry(string Key, string? Locator, ItemFailure Failure);
