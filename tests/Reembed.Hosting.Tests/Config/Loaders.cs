using Microsoft.Extensions.DependencyInjection;
using Reembed.Postgres;
using Reembed.Sqlite;

namespace Reembed.Tests;

/// <summary>The spec loader and registry with every store kind registered, as the hosts register them.</summary>
internal static class Loaders
{
    private static readonly ServiceProvider Services = Build();

    public static JobSpecLoader Default => Services.GetRequiredService<JobSpecLoader>();

    public static StoreRegistry Stores => Services.GetRequiredService<StoreRegistry>();

    public static ReembedEngine Engine => Services.GetRequiredService<ReembedEngine>();

    public static Task<JobSpec> LoadAsync(string path, ConfigOverrides? overrides = null, Action<string>? warn = null) =>
        Default.LoadAsync(path, overrides ?? new ConfigOverrides(), warn);

    /// <summary>The state file of a spec whose state is a SQLite file; null otherwise.</summary>
    public static string? StatePath(this JobSpec spec) => (spec.State as SqliteStateSpec)?.Path;

    private static ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddReembed().AddSqlite().AddPostgres();
        return services.BuildServiceProvider();
    }
}
