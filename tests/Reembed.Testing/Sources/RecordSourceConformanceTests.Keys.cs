using Xunit;

namespace Reembed.Testing;

/// <summary>Reading exactly the records of given keys, whatever else the store holds.</summary>
public abstract partial class RecordSourceConformanceTests
{
    /// <summary>Keys no row of <see cref="AwkwardRows"/> has, each close to one that it does have.</summary>
    protected static readonly string[] AbsentKeys = ["absent", "doc-00", "doc-001 ", "DOC-001", "0010", "10.0", "1e1", "e", "É", "ünï", "", "0a", "ab"];

    [Fact]
    public async Task ReadKeysAsync_ExistingAndAbsentKeys_ExactlyTheExistingOnes()
    {
        await using var source = await OpenOverAsync(AwkwardRows);
        string[] wanted = ["a", "10", "\u00e9", "o'brien \"q\" \\ ;--", "long", "😀", "tab\tid", "empty"];

        var records = await ReadKeysAsync(source, wanted.Concat(AbsentKeys));

        Assert.Equal(KeysAndTexts(AwkwardRows.Where(r => wanted.Contains(r.Id))), KeysAndTexts(records));
        Assert.All(records, r => Assert.Null(r.Failure));
    }

    [Fact]
    public async Task ReadKeysAsync_LookalikesOfOneAnother_OnlyTheOneAskedFor()
    {
        await using var source = await OpenOverAsync(AwkwardRows);

        Assert.Equal(["a "], (await ReadKeysAsync(source, ["a "])).Select(r => r.Key));
        Assert.Equal(["A"], (await ReadKeysAsync(source, ["A"])).Select(r => r.Key));
        Assert.Equal(["e\u0301"], (await ReadKeysAsync(source, ["e\u0301"])).Select(r => r.Key));
        Assert.Equal(["010"], (await ReadKeysAsync(source, ["010"])).Select(r => r.Key));
        Assert.Equal(["\uff21"], (await ReadKeysAsync(source, ["\uff21"])).Select(r => r.Key));
    }

    [Fact]
    public async Task ReadKeysAsync_EveryKey_EveryRecordOnceAsReadAsyncComposesIt()
    {
        await using var source = await OpenOverAsync(AwkwardRows);

        var records = await ReadKeysAsync(source, AwkwardRows.Select(r => r.Id));

        var read = (await ReadShardsAsync(source)).SelectMany(s => s.Records);
        Assert.Equal(KeysAndTexts(read), KeysAndTexts(records));
    }

    [Fact]
    public async Task ReadKeysAsync_NoKeysOrOnlyAbsentOnes_Nothing()
    {
        await using var source = await OpenOverAsync(AwkwardRows);

        Assert.Empty(await ReadKeysAsync(source, []));
        Assert.Empty(await ReadKeysAsync(source, AbsentKeys));
    }
}
