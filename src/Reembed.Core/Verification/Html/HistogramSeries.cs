namespace Reembed.Verification.Html;

/// <summary>One panel of a histogram chart: a distribution drawn in its own colour, under a label.</summary>
internal sealed record HistogramSeries(string Label, string Colour, Distribution Distribution);
