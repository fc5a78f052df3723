namespace Reembed.Hosting;

/// <summary>What went wrong, for <see cref="ErrorResult"/>.</summary>
public sealed record ErrorDetail(string Kind, string Message);
