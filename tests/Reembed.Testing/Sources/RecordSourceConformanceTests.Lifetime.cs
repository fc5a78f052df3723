using Xunit;

namespace Reembed.Testing;

/// <summary>Opening a store that is not there, cancelling a read, disposing.</summary>
public abstract partial class RecordSourceConformanceTests
{
    [Fact]
    public async Task OpenAsync_MissingStore_ConfigErrorNamingIt()
    {
        var missing = await CreateMissingSourcesAsync();

        Assert.NotEmpty(missing);
        foreach (var (source, subject, named) in missing)
        {
            await using (source)
            {
                var error = await Assert.ThrowsAsync<ReembedException>(async () => await source.OpenAsync());

                Assert.Equal(ErrorKind.Config, error.Kind);
                Assert.Equal(subject, error.Subject);
                Assert.Contains(named, error.Message, StringComparison.Ordinal);
                Assert.All(Secrets, secret => Assert.DoesNotContain(secret, error.Message, StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task ReadAsync_CancelledBeforeTheFirstRecord_OperationCanceled()
    {
        await using var source = await OpenOverAsync(AwkwardRows);
        var shard = (await source.GetShardsAsync())[0];
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ReadShardAsync(source, shard, null, cancelled.Token));
    }

    [Fact]
    public async Task ReadAsync_CancelledAfterTheFirstRecord_OperationCanceledAtTheNext()
    {
        await using var source = await OpenOverAsync(AwkwardRows);
        var shard = (await ReadShardsAsync(source)).First(s => s.Records.Count > 1).Shard;
        using var cancellation = new CancellationTokenSource();
        await using var records = source.ReadAsync(shard, null, cancellation.Token).GetAsyncEnumerator(cancellation.Token);
        Assert.True(await records.MoveNextAsync());

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await records.MoveNextAsync());
    }

    [Fact]
    public async Task ReadKeysAsync_Cancelled_OperationCanceled()
    {
        await using var source = await OpenOverAsync(AwkwardRows);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var record in source.ReadKeysAsync(new HashSet<string>(["a", "10"], StringComparer.Ordinal), cancelled.Token))
            {
                Assert.Fail($"read {record.Key} after cancellation");
            }
        });
    }

    [Fact]
    public async Task DisposeAsync_TwiceAfterReading_Harmless()
    {
        var source = await OpenOverAsync(AwkwardRows);
        Assert.Equal(AwkwardRows.Count, (await ReadShardsAsync(source)).Sum(s => s.Records.Count));

        await source.DisposeAsync();
        await source.DisposeAsync();
    }

    [Fact]
    public async Task DisposeAsync_NeverOpened_Harmless()
    {
        var create = await CreateStoreAsync(AwkwardRows);
        var source = create();

        await source.DisposeAsync();
        await source.DisposeAsync();
    }
}
