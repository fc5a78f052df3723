using System.Text.Json.Nodes;
using Reembed.Testing.FakeApi;

namespace Reembed.Tests;

/// <summary>Enrichment, per-input token caps, Azure and Ollama flavours, and <c>plan</c>'s estimates.</summary>
public sealed class RemoteOptionsTests
{
    [Fact]
    public async Task Run_WithEnrich_EmbedsTheRewrittenTextAndARerunHitsBothCaches()
    {
        await using var harness = await RemoteHarness.StartAsync(60);
        void Enrich(JsonObject config) => config["enrich"] = new JsonObject
        {
            ["baseUrl"] = harness.Server.OpenAiBaseUrl.ToString(),
            ["model"] = "gpt-4o-mini",
            ["prompt"] = "Rewrite this package description for search.",
            ["apiKeyEnv"] = RemoteHarness.KeyVariable,
        };
        harness.WriteConfig(root: Enrich);

        var first = await harness.RunAsync("run", "--json");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(60, harness.Server.Counters.ChatRequests);
        var target = harness.Workspace.ReadTarget();
        foreach (var record in harness.Records)
        {
            var rewritten = FakeEmbeddingServer.Rewrite(RemoteHarness.Text(record));
            var row = target[record["id"]!.ToString()];
            Assert.Equal(FakeEmbeddingServer.VectorFor(rewritten, RemoteHarness.Dimensions), RemoteHarness.Floats(row.Vector));
            Assert.Equal(ContentHash.Compute(rewritten), row.Hash);
        }

        Assert.All(harness.Server.Counters.ReceivedTexts, static text => Assert.StartsWith("[enriched] ", text, StringComparison.Ordinal));

        var chats = harness.Server.Counters.ChatRequests;
        var embeds = harness.Server.Counters.EmbeddingRequests;
        harness.WriteConfig(root: config =>
        {
            Enrich(config);
            config["target"]!["path"] = "out/second.db";
        });
        var second = await harness.RunAsync("run", "--json");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(chats, harness.Server.Counters.ChatRequests);
        Assert.Equal(embeds, harness.Server.Counters.EmbeddingRequests);
        Assert.Equal(60, second.Json().GetProperty("cached").GetInt64());
    }

    [Theory]
    [InlineData("fail")]
    [InlineData("truncate")]
    public async Task Run_TextOverMaxInputTokens_FailsOrIsTruncatedAsConfigured(string policy)
    {
        await using var harness = await RemoteHarness.StartAsync(30);
        var longRecord = harness.Records[5];
        longRecord["description"] = string.Join(' ', Enumerable.Repeat("lengthy description words", 400));
        harness.Workspace.WriteCorpus(harness.Records);
        harness.WriteConfig(embedder =>
        {
            embedder["maxInputTokens"] = 500;
            embedder["oversize"] = policy;
        });

        var result = await harness.RunAsync("run", "--json");

        var target = harness.Workspace.ReadTarget();
        var id = longRecord["id"]!.ToString();
        if (policy == "fail")
        {
            Assert.Equal(1, result.ExitCode);
            Assert.DoesNotContain(id, target.Keys);
            var failure = (await harness.RunAsync("status", "--json")).Json().GetProperty("failures")[0];
            Assert.Equal("oversize", failure.GetProperty("class").GetString());
            Assert.Contains("embedder.maxInputTokens", failure.GetProperty("reason").GetString()!, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains(id, target.Keys);
            var sent = harness.Server.Counters.ReceivedTexts.Single(t => t.StartsWith(longRecord["summary"]!.ToString(), StringComparison.Ordinal));
            Assert.True(FakeEmbeddingServer.CountTokens(sent) <= 500, $"sent {FakeEmbeddingServer.CountTokens(sent)} tokens");
            Assert.True(sent.Length < RemoteHarness.Text(longRecord).Length);
            Assert.Equal(ContentHash.Compute(RemoteHarness.Text(longRecord)), target[id].Hash);
        }
    }

    [Fact]
    public async Task Run_AzureOpenAi_UsesTheDeploymentRouteAndApiKeyHeader()
    {
        await using var harness = await RemoteHarness.StartAsync(40, new FakeServerOptions { ApiKey = "sk-Qz7XbW-test-4242-VvT" });
        harness.WriteConfig(embedder =>
        {
            embedder["type"] = "azure-openai";
            embedder["baseUrl"] = harness.Server.Root.ToString();
            embedder.Remove("model");
            embedder["deployment"] = "text-embedding-3-small";
            embedder["apiVersion"] = "2024-10-21";
        });

        var result = await harness.RunAsync("run", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        harness.AssertTargetExact();
    }

    [Fact]
    public async Task Run_Ollama_UsesTheNativeEmbedRoute()
    {
        await using var harness = await RemoteHarness.StartAsync(40);
        harness.WriteConfig(embedder =>
        {
            embedder["type"] = "ollama";
            embedder["baseUrl"] = harness.Server.Root.ToString();
            embedder["model"] = "nomic-embed-text";
            embedder.Remove("apiKeyEnv");
        });

        var result = await harness.RunAsync("run", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        harness.AssertTargetExact();
    }

    [Fact]
    public async Task Plan_WithPriceAndLimits_EstimatesCostAndDurationWithoutEmbedding()
    {
        await using var harness = await RemoteHarness.StartAsync(100);
        harness.WriteConfig(embedder =>
        {
            embedder["pricePerMillionTokens"] = 0.02;
            embedder["tokensPerMinute"] = 10_000;
            embedder["requestsPerMinute"] = 3_000;
        });

        var plan = await harness.RunAsync("plan", "--json");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        var json = plan.Json();
        var tokens = json.GetProperty("tokens").GetInt64();
        Assert.True(tokens > 100);
        Assert.Equal(tokens / 1_000_000.0 * 0.02, json.GetProperty("estimatedCost").GetDouble(), 6);
        Assert.Equal(tokens * 60.0 / 10_000, json.GetProperty("estimatedSeconds").GetDouble(), 2);
        Assert.Equal("tokensPerMinute", json.GetProperty("boundBy").GetString());
        Assert.Equal(0, harness.Server.Counters.EmbeddingRequests);
        Assert.False(File.Exists(harness.Workspace.TargetPath));
    }
}
