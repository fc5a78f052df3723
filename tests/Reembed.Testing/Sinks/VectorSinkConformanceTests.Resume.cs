using Xunit;

namespace Reembed.Testing;

/// <summary>Resume tokens, reopening after a crash, and completion.</summary>
public abstract partial class VectorSinkConformanceTests
{
    [Fact]
    public async Task WriteAsync_AfterReopenWithLastToken_KeepsEverythingWritten()
    {
        string? token;
        await using (var sink = await OpenAsync())
        {
            var first = await sink.WriteAsync(Batch(0, 10));
            token = await sink.WriteAsync(Batch(10, 10));
            Assert.Equal(ReturnsResumeTokens, first is not null);
            Assert.Equal(ReturnsResumeTokens, token is not null);
        }

        await using (var resumed = await OpenAsync(resumeToken: token))
        {
            await resumed.WriteAsync(Batch(20, 10));
            Assert.Equal(30, (await LookupAsync(resumed, Enumerable.Range(0, 40).Select(Key))).Count);
        }

        await AssertHoldsAsync(Batch(0, 30));
    }

    [Fact]
    public async Task OpenAsync_WithEarlierToken_RedoOfLaterBatchesEndsAsUninterrupted()
    {
        string? checkpoint;
        await using (var sink = await OpenAsync())
        {
            checkpoint = await sink.WriteAsync(Batch(0, 10));

            // Written but never checkpointed: the crash comes before the commit.
            await sink.WriteAsync(Batch(10, 10, 0.5f));
        }

        await using var resumed = await OpenAsync(resumeToken: checkpoint);
        if (RollsBackToResumeToken)
        {
            await AssertHoldsAsync(Batch(0, 10));
        }
        else
        {
            await AssertHoldsAsync(Batch(0, 10).Concat(Batch(10, 10, 0.5f)));
        }

        await resumed.WriteAsync(Batch(10, 10, 0.5f));
        await resumed.WriteAsync(Batch(20, 5));

        await AssertHoldsAsync(Batch(0, 10).Concat(Batch(10, 10, 0.5f)).Concat(Batch(20, 5)));
    }

    [Fact]
    public async Task CompleteAsync_AfterRewrites_OneVectorPerKeyAndStillUsable()
    {
        string? token;
        await using (var sink = await OpenAsync())
        {
            await sink.WriteAsync(Batch(0, 20));
            token = await sink.WriteAsync(Batch(5, 10, 2));

            await sink.CompleteAsync();

            Assert.Equal(20, (await LookupAsync(sink, Enumerable.Range(0, 30).Select(Key))).Count);
        }

        var expected = Batch(0, 5).Concat(Batch(5, 10, 2)).Concat(Batch(15, 5)).ToList();
        await AssertHoldsAsync(expected);

        // A job resumed after completion (a crash before its final commit) finds every vector.
        await using var resumed = await OpenAsync(resumeToken: token);
        await AssertHoldsAsync(expected);
        Assert.Equal(20, (await LookupAsync(resumed, Enumerable.Range(0, 30).Select(Key))).Count);
    }
}
