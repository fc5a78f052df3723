using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reembed.Providers;

namespace Reembed.Hosting;

/// <summary>What a host hands the job API with each call: who it is, where logs and events go, how a graceful stop arrives.</summary>
public sealed class JobHost
{
    public required JobOwner Owner { get; init; }

    public ILogger Logger { get; init; } = NullLogger.Instance;

    /// <summary>Receives a running job's events; null for none.</summary>
    public IProgress<JobEvent>? Events { get; init; }

    /// <summary>Cancelled to stop a run gracefully: in-flight batches finish and commit. (The call's own token aborts at once.)</summary>
    public CancellationToken Stop { get; init; }

    /// <summary>Where the secrets a spec names come from (the environment by default).</summary>
    public SecretSource Secrets { get; init; } = SecretSource.Environment;
}
