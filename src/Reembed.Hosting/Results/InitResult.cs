namespace Reembed.Hosting;

/// <summary>Where <c>init</c> wrote the config.</summary>
public sealed record InitResult(string Path);
