using Microsoft.Extensions.AI;
using Reembed.Hashing;

namespace Reembed.Tests.Hashing;

public class HashingEmbeddingGeneratorTests
{
    // Real Debian descriptions (curl, libcurl4, 0ad): the first two are near-duplicates.
    private const string Curl =
        "command line tool for transferring data with URL syntax. curl is a command line tool for transferring data "
        + "with URL syntax, supporting DICT, FILE, FTP, FTPS, GOPHER, HTTP, HTTPS, IMAP, IMAPS, LDAP, LDAPS, POP3, "
        + "POP3S, RTMP, RTSP, SCP, SFTP, SMTP, SMTPS, TELNET and TFTP.";

    private const string Libcurl =
        "easy-to-use client-side URL transfer library (OpenSSL flavour). libcurl is an easy-to-use client-side URL "
        + "transfer library, supporting DICT, FILE, FTP, FTPS, GOPHER, HTTP, HTTPS, IMAP, IMAPS, LDAP, LDAPS, POP3, "
        + "POP3S, RTMP, RTSP, SCP, SFTP, SMTP, SMTPS, TELNET and TFTP.";

    private const string Game =
        "Real-time strategy game of ancient warfare. 0 A.D. (pronounced \"zero ey-dee\") is a free, open-source, "
        + "cross-platform real-time strategy (RTS) game of ancient warfare.";

    [Fact]
    public async Task GenerateAsync_SameTextTwoInstances_BitIdentical()
    {
        var first = await EmbedAsync(new HashingEmbedderOptions(), Curl);
        var second = await EmbedAsync(new HashingEmbedderOptions(), Curl);

        Assert.Equal(ToBits(first), ToBits(second));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(384)]
    [InlineData(1536)]
    public async Task GenerateAsync_RequestedDimensions_UnitNormVectorOfThatLength(int dimensions)
    {
        var vector = await EmbedAsync(new HashingEmbedderOptions { Dimensions = dimensions }, Game);

        Assert.Equal(dimensions, vector.Length);
        Assert.Equal(1.0, Norm(vector), 5);
    }

    [Fact]
    public async Task GenerateAsync_DifferentSeed_DifferentVector()
    {
        var baseline = await EmbedAsync(new HashingEmbedderOptions(), Curl);
        var seeded = await EmbedAsync(new HashingEmbedderOptions { Seed = 1 }, Curl);

        Assert.NotEqual(ToBits(baseline), ToBits(seeded));
        Assert.True(Cosine(baseline, seeded) < 0.5);
    }

    [Theory]
    [InlineData("words")]
    [InlineData("bigrams")]
    [InlineData("char4")]
    [InlineData("char5")]
    public async Task GenerateAsync_DifferentFeatures_DifferentVector(string feature)
    {
        var baseline = await EmbedAsync(new HashingEmbedderOptions { Features = ["char3"] }, Curl);
        var other = await EmbedAsync(new HashingEmbedderOptions { Features = [feature] }, Curl);

        Assert.NotEqual(ToBits(baseline), ToBits(other));
    }

    [Fact]
    public async Task GenerateAsync_FeatureOrder_SameVector()
    {
        var first = await EmbedAsync(new HashingEmbedderOptions { Features = ["words", "bigrams", "char4"] }, Curl);
        var second = await EmbedAsync(new HashingEmbedderOptions { Features = ["char4", "words", "bigrams"] }, Curl);

        Assert.Equal(ToBits(first), ToBits(second));
    }

    [Fact]
    public async Task GenerateAsync_Lowercase_FoldsCaseOnlyWhenAsked()
    {
        var folded = new HashingEmbedderOptions();
        var cased = new HashingEmbedderOptions { Lowercase = false };

        Assert.Equal(ToBits(await EmbedAsync(folded, "Curl HTTP")), ToBits(await EmbedAsync(folded, "curl http")));
        Assert.NotEqual(ToBits(await EmbedAsync(cased, "Curl HTTP")), ToBits(await EmbedAsync(cased, "curl http")));
    }

    [Fact]
    public async Task GenerateAsync_NearDuplicate_CloserThanUnrelated()
    {
        var options = new HashingEmbedderOptions();
        var curl = await EmbedAsync(options, Curl);
        var libcurl = await EmbedAsync(options, Libcurl);
        var game = await EmbedAsync(options, Game);

        Assert.True(Cosine(curl, libcurl) > Cosine(curl, game) + 0.3, $"{Cosine(curl, libcurl)} vs {Cosine(curl, game)}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("--- !!! ... ()")]
    public async Task GenerateAsync_NoTokens_ZeroVector(string text)
    {
        var vector = await EmbedAsync(new HashingEmbedderOptions { Features = ["words", "bigrams", "char3"] }, text);

        Assert.Equal(384, vector.Length);
        Assert.All(vector, value => Assert.Equal(0f, value));
    }

    [Fact]
    public async Task GenerateAsync_RepeatedWord_SublinearWeight()
    {
        var options = new HashingEmbedderOptions { Dimensions = 65536, Features = ["words"] };

        var vector = await EmbedAsync(options, "cat cat dog");

        var weights = vector.Where(v => v != 0).Select(Math.Abs).OrderDescending().ToArray();
        Assert.Equal(2, weights.Length);
        Assert.Equal(1 + Math.Log(2), weights[0] / weights[1], 5);
    }

    [Fact]
    public async Task GenerateAsync_WordShorterThanNGram_StillEmbedded()
    {
        var vector = await EmbedAsync(new HashingEmbedderOptions { Features = ["char5"] }, "a");

        Assert.Equal(1.0, Norm(vector), 5);
    }

    [Fact]
    public async Task GenerateAsync_ManyTexts_ResultsInInputOrder()
    {
        using var generator = HashingEmbedder.Create(new HashingEmbedderOptions());
        string[] texts = [Curl, "", Game, Libcurl, Curl];

        var batch = await generator.GenerateAsync(texts);

        Assert.Equal(texts.Length, batch.Count);
        for (var i = 0; i < texts.Length; i++)
        {
            var single = await generator.GenerateVectorAsync(texts[i]);
            Assert.Equal(ToBits(single.ToArray()), ToBits(batch[i].Vector.ToArray()));
        }
    }

    [Fact]
    public async Task GenerateAsync_Batch_ReportsWordCountAsUsage()
    {
        using var generator = HashingEmbedder.Create(new HashingEmbedderOptions());

        var batch = await generator.GenerateAsync(["one two three", "four, five"]);

        Assert.Equal(5, batch.Usage?.InputTokenCount);
        Assert.Equal("hashing-v1", batch[0].ModelId);
    }

    [Fact]
    public async Task GenerateAsync_Cancelled_Throws()
    {
        using var generator = HashingEmbedder.Create(new HashingEmbedderOptions());
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => generator.GenerateAsync([Curl], cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task GenerateAsync_OtherDimensionsRequested_ThrowsConfig()
    {
        using var generator = HashingEmbedder.Create(new HashingEmbedderOptions { Dimensions = 64 });

        var error = await Assert.ThrowsAsync<ReembedException>(
            () => generator.GenerateAsync([Curl], new EmbeddingGenerationOptions { Dimensions = 128 }));

        Assert.Equal("embedder.dimensions", error.Subject);
    }

    [Fact]
    public async Task GenerateAsync_ConcurrentCalls_SameVectorsAsSequential()
    {
        using var generator = HashingEmbedder.Create(new HashingEmbedderOptions { Features = ["words", "bigrams", "char3", "char5"] });
        var texts = Enumerable.Range(0, 200).Select(i => $"{Curl} {i} {Game[..(i % Game.Length)]}").ToArray();
        var expected = (await generator.GenerateAsync(texts)).Select(e => ToBits(e.Vector.ToArray())).ToArray();

        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => generator.GenerateAsync(texts))));

        Assert.All(runs, run => Assert.Equal(expected, run.Select(e => ToBits(e.Vector.ToArray()))));
    }

    internal static async Task<float[]> EmbedAsync(HashingEmbedderOptions options, string text)
    {
        using var generator = HashingEmbedder.Create(options);
        return (await generator.GenerateVectorAsync(text)).ToArray();
    }

    internal static int[] ToBits(float[] vector) => [.. vector.Select(BitConverter.SingleToInt32Bits)];

    internal static double Norm(float[] vector) => Math.Sqrt(vector.Sum(v => (double)v * v));

    internal static double Cosine(float[] a, float[] b) =>
        a.Zip(b, (x, y) => (double)x * y).Sum() / (Norm(a) * Norm(b));
}
