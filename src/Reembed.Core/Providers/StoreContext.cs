using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Reembed.Providers;

/// <summary>What a provider's factories get from the host: the clock, a logger and where secrets come from.</summary>
public sealed class StoreContext
{
    public required TimeProvider Time { get; init; }

    public ILogger Logger { get; init; } = NullLogger.Instance;

    public SecretSource Secrets { get; init; } = SecretSource.Environment;
}
