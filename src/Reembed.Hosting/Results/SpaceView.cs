namespace Reembed.Hosting;

/// <summary>An embedding space: its id and what it is.</summary>
public sealed record SpaceView(string Id, string Description);
