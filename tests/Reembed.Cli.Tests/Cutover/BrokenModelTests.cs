using System.Text.Json.Nodes;
using Reembed.Testing.FakeApi;

namespace Reembed.Tests.Cutover;

/// <summary>A model that answers with random vectors must fail verify on quality, and swap must refuse it.</summary>
public sealed class BrokenModelTests
{
    private const string KeyVariable = "REEMBED_TEST_API_KEY";

    [Fact]
    public async Task Verify_RandomVectorModel_FailsOnQualityAndSwapRefuses()
    {
        await using var server = await FakeEmbeddingServer.StartAsync(new FakeServerOptions { Dimensions = 64, RandomVectors = true });
        using var migration = new Migration(400);
        migration.WriteNew(new JsonObject
        {
            ["type"] = "openai",
            ["baseUrl"] = server.OpenAiBaseUrl.ToString(),
            ["model"] = "text-embedding-3-small",
            ["dimensions"] = 64,
            ["apiKeyEnv"] = KeyVariable,
        });
        var environment = new Dictionary<string, string> { [KeyVariable] = "sk-test-broken-model-0000" };
        await migration.EmbedBothAsync(environment);
        var old = migration.ReadLive();
        var tables = migration.Workspace.TargetTables();

        var verify = (await migration.RunAsync(environment, "verify", Migration.NewConfig, "--json")).AssertExit(1).Json();

        Assert.False(verify.GetProperty("passed").GetBoolean());
        var failed = verify.GetProperty("checks").EnumerateArray()
            .Where(static c => !c.GetProperty("passed").GetBoolean())
            .Select(static c => (Name: c.GetProperty("name").GetString(), Group: c.GetProperty("group").GetString()))
            .ToList();
        Assert.Contains(failed, static c => c.Name == "selfHitRate");
        Assert.All(failed, static c => Assert.Equal("quality", c.Group));
        Assert.Equal(0, verify.GetProperty("metrics").GetProperty("structure").GetProperty("missing").GetInt64());

        var swap = await migration.RunAsync(environment, "swap", Migration.NewConfig);

        Assert.Equal(2, swap.ExitCode);
        Assert.Contains("failed", swap.Stderr, StringComparison.Ordinal);
        Assert.Equal(old, migration.ReadLive());
        Assert.Equal(tables, migration.Workspace.TargetTables());
    }
}
