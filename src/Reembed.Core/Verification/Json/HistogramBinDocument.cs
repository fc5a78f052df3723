namespace Reembed.Verification.Json;

/// <summary>A <see cref="HistogramBin"/>; a bound is null where it is NaN or infinite.</summary>
public sealed record HistogramBinDocument(double? Lower, double? Upper, long Count);
