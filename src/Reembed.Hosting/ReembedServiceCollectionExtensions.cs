using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reembed.Jsonl;
using Reembed.Providers;

namespace Reembed.Hosting;

/// <summary>Registers the engine: <c>services.AddReembed().AddSqlite().AddPostgres()</c>.</summary>
public static class ReembedServiceCollectionExtensions
{
    /// <summary>
    /// Adds the job API (<see cref="ReembedEngine"/>), the spec loader, the store registry and the built-in <c>jsonl</c>
    /// store; returns the builder that store providers add themselves to. A <see cref="TimeProvider"/> registered before wins.
    /// </summary>
    public static ReembedBuilder AddReembed(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(static provider => new StoreRegistry(provider.GetServices<StoreProvider>()));
        services.TryAddSingleton<JobSpecLoader>();
        services.TryAddSingleton<ReembedEngine>();
        return new ReembedBuilder(services).AddJsonl();
    }
}
