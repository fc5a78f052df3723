using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Reembed.Remote;
using Reembed.Testing;
using Xunit.Abstractions;

namespace Reembed.Tests.Remote.OpenAi;

public class OpenAiThroughputTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(true, 2048)]
    [InlineData(false, 512)]
    public async Task GenerateAsync_FullSizeResponse_ParsesEveryVectorExactly(bool base64, int count)
    {
        const int Dimensions = 3072;
        var vectors = OpenAiCanned.Vectors(count, Dimensions);
        var body = Encoding.UTF8.GetBytes(OpenAiCanned.Body(vectors, base64));
        using var handler = new StubHttpHandler
        {
            OnSend = (_, _) =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
            },
        };
        using var generator = RemoteEmbedders.CreateOpenAi(OpenAiCanned.Options(handler));
        var inputs = Enumerable.Range(0, count).Select(i => $"text {i}").ToList();

        var stopwatch = Stopwatch.StartNew();
        var result = await generator.GenerateAsync(inputs);
        stopwatch.Stop();

        output.WriteLine($"{count} x {Dimensions} {(base64 ? "base64" : "floats")}, {body.Length / 1e6:F1} MB in {stopwatch.ElapsedMilliseconds} ms");
        Assert.Equal(count, result.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.True(vectors[i].AsSpan().SequenceEqual(result[i].Vector.Span), $"vector {i} differs");
        }
    }
}
