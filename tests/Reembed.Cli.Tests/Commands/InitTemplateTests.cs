using Microsoft.Extensions.DependencyInjection;
using Reembed.Hosting;
using Reembed.Postgres;
using Reembed.Providers;
using Reembed.Sqlite;

namespace Reembed.Tests;

/// <summary>The configs <c>init</c> writes: every source and target kind, every embedder, load as valid specs.</summary>
public sealed class InitTemplateTests : IDisposable
{
    private static readonly ServiceProvider Services = Build();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reembed-init-" + Guid.NewGuid().ToString("N")[..8]);

    public InitTemplateTests() => Directory.CreateDirectory(_dir);

    private static StoreRegistry Stores => Services.GetRequiredService<StoreRegistry>();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task InitTemplate_LoadsAsAValidConfig()
    {
        foreach (var (source, target) in new[] { ("jsonl", "sqlite"), ("sqlite", "jsonl") })
        {
            var config = await LoadAsync(Cli.InitVerb.Template(Stores, source, target));
            Assert.Equal(source, config.Source.Type);
            Assert.Equal(target, config.Target.Type);
        }

        foreach (var embedder in new[] { "hashing", "openai", "azure-openai", "ollama" })
        {
            var config = await LoadAsync(Cli.InitVerb.Template(Stores, "jsonl", "sqlite", embedder));
            Assert.Equal(embedder, config.Embedder.Type);
        }
    }

    [Fact]
    public async Task InitTemplate_EveryRegisteredSourceAndTargetKind_LoadsAsThatKind()
    {
        var sources = Stores.With(StoreCapabilities.Source).Select(static p => p.Type).ToList();
        var targets = Stores.With(StoreCapabilities.Target).Select(static p => p.Type).ToList();
        Assert.Equal(["jsonl", "sqlite", "postgres"], sources);
        Assert.Equal(["jsonl", "sqlite", "postgres"], targets);
        foreach (var source in sources)
        {
            foreach (var target in targets)
            {
                var config = await LoadAsync(Cli.InitVerb.Template(Stores, source, target));
                Assert.Equal((source, target), (config.Source.Type, config.Target.Type));
            }
        }
    }

    [Fact]
    public async Task InitTemplate_PostgresSourceAndTarget_IsInPlaceOnTheSourceConnection()
    {
        var config = await LoadAsync(Cli.InitVerb.Template(Stores, "postgres", "postgres"));
        var target = Assert.IsType<PostgresTargetSpec>(config.Target);
        Assert.True(target.InPlace);
        Assert.Equal("DATABASE_URL", target.ConnectionStringEnv);
        var shadow = Assert.IsType<PostgresTargetSpec>((await LoadAsync(Cli.InitVerb.Template(Stores, "jsonl", "postgres"))).Target);
        Assert.False(shadow.InPlace);
    }

    private async Task<JobSpec> LoadAsync(string json)
    {
        var path = Path.Combine(_dir, "reembed.json");
        await File.WriteAllTextAsync(path, json);
        return await Services.GetRequiredService<JobSpecLoader>().LoadAsync(path, new ConfigOverrides());
    }

    private static ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddReembed().AddSqlite().AddPostgres();
        return services.BuildServiceProvider();
    }
}
