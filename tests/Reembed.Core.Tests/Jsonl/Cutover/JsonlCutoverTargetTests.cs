using System.Text.Json;
using Reembed.Jsonl;

namespace Reembed.Tests.Jsonl.Cutover;

/// <summary>What the jsonl cut-over does beyond the conformance suite: names, the journal file, its lock.</summary>
public sealed class JsonlCutoverTargetTests : IDisposable
{
    private static readonly EmbeddingSpace SpaceA = new("jsonl", "model-a", 2, normalized: false);
    private static readonly EmbeddingSpace SpaceB = new("jsonl", "model-b", 2, normalized: false);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("docs.jsonl", "docs.reembed-{0}.jsonl")]
    [InlineData("docs.ndjson", "docs.reembed-{0}.ndjson")]
    [InlineData("docs", "docs.reembed-{0}")]
    public void ShadowName_LiveFile_SameFolderAndExtension(string live, string expected)
    {
        var target = JsonlStores.CreateCutover(new JsonlSinkOptions { Path = _directory.File(live) }, TimeProvider.System);

        Assert.Equal(live, target.LiveName);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, SpaceA.Id), target.ShadowName(SpaceA.Id));
    }

    [Fact]
    public void CreateCutover_RelativePath_ConfigErrorNamingTheKey()
    {
        var error = Assert.Throws<ReembedException>(() => JsonlStores.CreateCutover(new JsonlSinkOptions { Path = "out/docs.jsonl" }, TimeProvider.System));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("target.path", error.Subject);
    }

    [Fact]
    public async Task InspectAsync_ExtensionlessLive_JournalAndPartialCopiesAreNotOthers()
    {
        var target = JsonlStores.CreateCutover(new JsonlSinkOptions { Path = _directory.File("docs") }, TimeProvider.System);
        await WriteAsync(_directory.File("docs"), SpaceA, 2);
        await WriteAsync(_directory.File(target.ShadowName(SpaceB.Id)), SpaceB, 3);
        await target.SwapAsync(SpaceB.Id, "job-1");
        await File.WriteAllTextAsync(_directory.File(target.ShadowName(SpaceB.Id) + ".partial"), "");

        var state = await target.InspectAsync();

        Assert.True(File.Exists(_directory.File("docs.reembed-cutover.jsonl")));
        Assert.Equal([new CutoverTable(target.ShadowName(SpaceA.Id), SpaceA.Id, 2)], state.Others);
    }

    [Fact]
    public async Task SwapAsync_Done_JournalHoldsTheIntentThenItsOutcome()
    {
        var live = _directory.File("docs.jsonl");
        var target = JsonlStores.CreateCutover(new JsonlSinkOptions { Path = live }, TimeProvider.System);
        await WriteAsync(live, SpaceA, 2);
        await WriteAsync(_directory.File(target.ShadowName(SpaceB.Id)), SpaceB, 3);

        await target.SwapAsync(SpaceB.Id, "job-7");

        var lines = await File.ReadAllLinesAsync(live + ".reembed-cutover.jsonl");
        Assert.Equal(2, lines.Length);
        using var intent = JsonDocument.Parse(lines[0]);
        using var done = JsonDocument.Parse(lines[1]);
        Assert.Equal("intent", intent.RootElement.GetProperty("state").GetString());
        Assert.Equal("job-7", intent.RootElement.GetProperty("job_id").GetString());
        Assert.Equal(target.ShadowName(SpaceA.Id), intent.RootElement.GetProperty("demoted").GetString());
        Assert.Equal("done", done.RootElement.GetProperty("state").GetString());
        Assert.Equal(intent.RootElement.GetProperty("seq").GetInt64(), done.RootElement.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task SwapAsync_RefusedBeforeAnyStep_LeavesNoJournalBehind()
    {
        var live = _directory.File("docs.jsonl");
        var target = JsonlStores.CreateCutover(new JsonlSinkOptions { Path = live }, TimeProvider.System);
        await WriteAsync(live, SpaceA, 2);

        await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceB.Id, "job-1"));

        Assert.False(File.Exists(live + ".reembed-cutover.jsonl"));
    }

    [Fact]
    public async Task InspectAsync_JournalLineCutShortByAKill_IgnoredAndCutOff()
    {
        var live = _directory.File("docs.jsonl");
        var target = JsonlStores.CreateCutover(new JsonlSinkOptions { Path = live }, TimeProvider.System);
        await WriteAsync(live, SpaceA, 2);
        await WriteAsync(_directory.File(target.ShadowName(SpaceB.Id)), SpaceB, 3);
        var swap = await target.SwapAsync(SpaceB.Id, "job-1");
        await File.AppendAllTextAsync(live + ".reembed-cutover.jsonl", "{\"seq\":2,\"state\":\"int");

        var state = await target.InspectAsync();
        var rollback = await target.RollbackAsync();

        Assert.Equal(swap, state.LastStep);
        Assert.Equal(CutoverStep.Rollback, rollback.Kind);
        Assert.All(await File.ReadAllLinesAsync(live + ".reembed-cutover.jsonl"), static line => JsonDocument.Parse(line).Dispose());
        Assert.Equal(SpaceA.Id, (await target.InspectAsync()).Live.SpaceId);
    }

    [Fact]
    public async Task SwapAsync_AnotherStepHoldsTheJournal_TransientErrorAndNothingChanged()
    {
        var live = _directory.File("docs.jsonl");
        var target = JsonlStores.CreateCutover(new JsonlSinkOptions { Path = live }, TimeProvider.System);
        await WriteAsync(live, SpaceA, 2);
        await WriteAsync(_directory.File(target.ShadowName(SpaceB.Id)), SpaceB, 3);
        await using (new FileStream(live + ".reembed-cutover.jsonl", FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            var error = await Assert.ThrowsAsync<ReembedException>(async () => await target.SwapAsync(SpaceB.Id, "job-1"));

            Assert.Equal(ErrorKind.Transient, error.Kind);
        }

        var state = await target.InspectAsync();
        Assert.Equal(SpaceA.Id, state.Live.SpaceId);
        Assert.Null(state.LastStep);
    }

    [Fact]
    public async Task OpenCollectionAsync_NameWithAFolder_Refused()
    {
        var target = JsonlStores.CreateCutover(new JsonlSinkOptions { Path = _directory.File("docs.jsonl") }, TimeProvider.System);

        await Assert.ThrowsAsync<ArgumentException>(async () => await target.OpenCollectionAsync("../other.jsonl"));
    }

    private static async Task WriteAsync(string path, EmbeddingSpace space, int count)
    {
        await using var sink = JsonlStores.CreateSink(new JsonlSinkOptions { Path = path });
        await sink.OpenAsync(space, null);
        await sink.WriteAsync([.. Enumerable.Range(0, count).Select(i => new VectorRecord($"k{i}", new[] { i, -i - 0.5f }, $"h{i}"))]);
        await sink.CompleteAsync();
    }
}
