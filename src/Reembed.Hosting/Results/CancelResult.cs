namespace Reembed.Hosting;

/// <summary>What <c>cancel</c> did: asked a running job to stop, or marked a stopped one cancelled.</summary>
public sealed record CancelResult(string JobId, bool WasRunning, string Outcome);
