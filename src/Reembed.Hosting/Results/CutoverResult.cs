namespace Reembed.Hosting;

/// <summary>What <c>swap</c> or <c>rollback</c> did.</summary>
public sealed record CutoverResult(string Target, string Live, StepView Step, bool Forced);
