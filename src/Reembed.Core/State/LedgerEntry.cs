namespace Reembed;

/// <summary>One item of the failures ledger.</summary>
public sealed record LedgerEntry(string Key, string? Locator, string Stage, string ErrorClass, string Message, int Attempts);
