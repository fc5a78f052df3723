using Microsoft.Extensions.DependencyInjection;

namespace Reembed.Providers;

/// <summary>Returned by <c>AddReembed()</c>: store providers add themselves to it (<c>.AddSqlite().AddPostgres()</c>).</summary>
public sealed class ReembedBuilder
{
    public ReembedBuilder(IServiceCollection services) => Services = services ?? throw new ArgumentNullException(nameof(services));

    public IServiceCollection Services { get; }

    /// <summary>Registers <paramref name="provider"/>; one line per store kind.</summary>
    public ReembedBuilder AddStore(StoreProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Services.AddSingleton(provider);
        return this;
    }
}
