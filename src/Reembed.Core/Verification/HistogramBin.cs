namespace Reembed;

/// <summary>One bin of a histogram: values in [<paramref name="Lower"/>, <paramref name="Upper"/>) (the last bin includes its upper bound).</summary>
public readonly record struct HistogramBin(double Lower, double Upper, long Count);
