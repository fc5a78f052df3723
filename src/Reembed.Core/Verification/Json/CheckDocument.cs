namespace Reembed.Verification.Json;

/// <summary>One <see cref="VerifyCheck"/>; <paramref name="Value"/> is null where the check's value is NaN or infinite.</summary>
public sealed record CheckDocument(string Name, string Group, double? Value, string Threshold, bool Passed, string? Detail);
