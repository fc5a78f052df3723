using Xunit;

namespace Reembed.Testing;

/// <summary>What the collection calls itself, cancelling a read, disposing.</summary>
public abstract partial class VectorCollectionConformanceTests
{
    [Fact]
    public async Task Name_OpenedCollection_TheNameItWasOpenedBy()
    {
        await using var collection = await StoreAndOpenAsync([Row(Key(0), 0)]);

        Assert.Equal(ExpectedName, collection.Name);
    }

    [Fact]
    public async Task Description_OpenedCollection_NamesWhatIsReadWithoutSecrets()
    {
        await using var collection = await StoreAndOpenAsync([Row(Key(0), 0)]);

        Assert.Contains(ExpectedName, collection.Description, StringComparison.Ordinal);
        Assert.All(Secrets, secret => Assert.DoesNotContain(secret, collection.Description, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_CancelledBeforeTheFirstVector_OperationCanceled()
    {
        await using var collection = await StoreAndOpenAsync([.. Enumerable.Range(0, 5).Select(i => Row(Key(i), i))]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await collection.ReadAsync(cancelled.Token).ToListAsync());
    }

    [Fact]
    public async Task ReadAsync_CancelledAfterTheFirstVector_OperationCanceledAtTheNext()
    {
        await using var collection = await StoreAndOpenAsync([.. Enumerable.Range(0, 5).Select(i => Row(Key(i), i))]);
        using var cancellation = new CancellationTokenSource();
        await using var vectors = collection.ReadAsync(cancellation.Token).GetAsyncEnumerator(cancellation.Token);
        Assert.True(await vectors.MoveNextAsync());

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await vectors.MoveNextAsync());
    }

    [Fact]
    public async Task DisposeAsync_TwiceAfterReading_Harmless()
    {
        var collection = await StoreAndOpenAsync([.. Enumerable.Range(0, 3).Select(i => Row(Key(i), i))]);
        Assert.Equal(3, (await collection.ReadAsync().ToListAsync()).Count);

        await collection.DisposeAsync();
        await collection.DisposeAsync();
    }
}
