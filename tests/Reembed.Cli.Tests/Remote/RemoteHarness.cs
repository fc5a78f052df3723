using System.Text.Json.Nodes;
using Reembed.Testing.FakeApi;

namespace Reembed.Tests;

/// <summary>
/// A workspace whose config points the <c>openai</c> embedder at a fake OpenAI-compatible server on
/// loopback. Short backoffs and timeouts keep fault tests quick; the API key is passed in the
/// environment, as users do.
/// </summary>
internal sealed class RemoteHarness : IAsyncDisposable
{
    public const string KeyVariable = "REEMBED_TEST_API_KEY";
    public const int Dimensions = 64;

    private RemoteHarness(FakeEmbeddingServer server, List<JsonObject> records)
    {
        Server = server;
        Records = records;
    }

    public Workspace Workspace { get; } = new();

    public FakeEmbeddingServer Server { get; }

    public List<JsonObject> Records { get; }

    public string ApiKey { get; set; } = "sk-Qz7XbW-test-4242-VvT";

    public Dictionary<string, string> Environment => new() { [KeyVariable] = ApiKey };

    public static async Task<RemoteHarness> StartAsync(int records, FakeServerOptions? options = null)
    {
        options ??= new FakeServerOptions();
        options.Dimensions = Dimensions;
        var server = await FakeEmbeddingServer.StartAsync(options);

        // Short texts only: the expected vectors are those of the whole text, so nothing may be truncated.
        var corpus = Workspace.Records(records * 2)
            .Where(static record => Text(record).Length < 4_000)
            .Take(records)
            .ToList();
        var harness = new RemoteHarness(server, corpus);
        harness.Workspace.WriteCorpus(corpus);
        harness.WriteConfig();
        return harness;
    }

    public static string Text(JsonObject record) => $"{record["summary"]}\n\n{record["description"]}";

    /// <summary>Writes the config; <paramref name="tweak"/> edits the embedder section or the whole document.</summary>
    public void WriteConfig(Action<JsonObject>? embedder = null, Action<JsonObject>? root = null) =>
        Workspace.WriteConfig(config =>
        {
            var section = new JsonObject
            {
                ["type"] = "openai",
                ["baseUrl"] = Server.OpenAiBaseUrl.ToString(),
                ["model"] = "text-embedding-3-small",
                ["dimensions"] = Dimensions,
                ["apiKeyEnv"] = KeyVariable,
                ["requestTimeoutSeconds"] = 3,
                ["maxBackoffSeconds"] = 0.2,
                ["outageAfterSeconds"] = 1,
            };
            embedder?.Invoke(section);
            config["embedder"] = section;
            config["batch"] = new JsonObject { ["maxItems"] = 16 };
            root?.Invoke(config);
        });

    public Task<CliResult> RunAsync(params string[] args) => CliProcess.RunAsync(Workspace.Dir, Environment, args);

    /// <summary>Every stored vector equals the one the server computes for the record's text, bit for bit.</summary>
    public void AssertTargetExact(IEnumerable<string>? only = null)
    {
        var target = Workspace.ReadTarget();
        var wanted = only?.ToHashSet() ?? Records.Select(static r => r["id"]!.ToString()).ToHashSet();
        Assert.Equal(wanted.Count, target.Keys.Count(wanted.Contains));
        foreach (var record in Records.Where(r => wanted.Contains(r["id"]!.ToString())))
        {
            var stored = Floats(target[record["id"]!.ToString()].Vector);
            Assert.Equal(FakeEmbeddingServer.VectorFor(Text(record), Dimensions), stored);
        }
    }

    public static float[] Floats(byte[] bytes)
    {
        var floats = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, floats, 0, bytes.Length);
        return floats;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Workspace.Dispose();
    }
}
