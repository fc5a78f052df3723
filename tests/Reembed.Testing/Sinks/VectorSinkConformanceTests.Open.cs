using Xunit;

namespace Reembed.Testing;

/// <summary>Creating the target, opening it for lookups only, and refusing vectors of another space.</summary>
public abstract partial class VectorSinkConformanceTests
{
    [Fact]
    public async Task OpenForLookupAsync_BeforeCreation_FalseAndNothingHeld()
    {
        await using var sink = CreateSink();

        Assert.False(await sink.OpenForLookupAsync(Space));

        await using var writer = await OpenAsync();
        Assert.Empty(await ReadBackAsync());
    }

    [Fact]
    public async Task OpenAsync_NewTarget_CreatesItEmptyAndOpenableForLookup()
    {
        await using (await OpenAsync())
        {
        }

        await using var reader = CreateSink();
        Assert.True(await reader.OpenForLookupAsync(Space));
        Assert.Empty(await LookupAsync(reader, [Key(1), AwkwardKeys[0]]));
        Assert.Empty(await ReadBackAsync());
    }

    [Fact]
    public async Task OpenForLookupAsync_AfterWrites_SeesThemWithoutWriting()
    {
        await using (var writer = await OpenAsync())
        {
            await writer.WriteAsync(Batch(0, 3));
        }

        await using var reader = CreateSink();
        Assert.True(await reader.OpenForLookupAsync(Space));
        var found = await LookupAsync(reader, [Key(0), Key(2), Key(7)]);

        Assert.Equal(new Dictionary<string, string> { [Key(0)] = "h-" + Key(0), [Key(2)] = "h-" + Key(2) }, found);
        await AssertHoldsAsync(Batch(0, 3));
    }

    [Fact]
    public async Task OpenAsync_TargetOfAnotherSpace_ConfigErrorNamingBothSpacesAndTargetUntouched()
    {
        await using (var sink = await OpenAsync())
        {
            await sink.WriteAsync(Batch(0, 2));
        }

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await OpenAsync(OtherSpace));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("embedder", error.Subject);
        Assert.Contains(Space.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains(OtherSpace.Id, error.Message, StringComparison.Ordinal);
        await AssertHoldsAsync(Batch(0, 2));
    }

    [Fact]
    public async Task OpenAsync_TargetOfAnotherDimension_ConfigErrorAndTargetUntouched()
    {
        await using (var sink = await OpenAsync())
        {
            await sink.WriteAsync(Batch(0, 2));
        }

        var error = await Assert.ThrowsAsync<ReembedException>(async () => await OpenAsync(OtherDimensions));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Equal("embedder", error.Subject);
        Assert.Contains(Space.Id, error.Message, StringComparison.Ordinal);
        await AssertHoldsAsync(Batch(0, 2));
    }

    [Fact]
    public async Task OpenForLookupAsync_TargetOfAnotherSpace_ConfigErrorNamingBothSpaces()
    {
        await using (var sink = await OpenAsync())
        {
            await sink.WriteAsync(Batch(0, 1));
        }

        await using var reader = CreateSink();
        var error = await Assert.ThrowsAsync<ReembedException>(async () => await reader.OpenForLookupAsync(OtherSpace));

        Assert.Equal(ErrorKind.Config, error.Kind);
        Assert.Contains(Space.Id, error.Message, StringComparison.Ordinal);
        Assert.Contains(OtherSpace.Id, error.Message, StringComparison.Ordinal);
    }
}
