using System.Buffers;

namespace Reembed.Remote;

/// <summary>
/// A response body read into one pooled buffer, so that it can be parsed synchronously with a
/// <see cref="System.Text.Json.Utf8JsonReader"/> without building a document of millions of numbers.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    // 2,048 vectors of 3,072 floats as JSON numbers is about 150 MB; anything near this is not an embedding response.
    private const int MaxBytes = 1 << 30;
    private const int DefaultInitialBytes = 64 * 1024;

    private byte[]? _buffer;
    private int _length;

    private PooledBody(byte[] buffer)
    {
        _buffer = buffer;
    }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    public static async Task<PooledBody> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var expected = content.Headers.ContentLength;

        // One byte over the announced length, so that the final zero-length read needs no growth.
        var initial = expected is > 0 and < MaxBytes ? (int)expected.Value + 1 : DefaultInitialBytes;
        var body = new PooledBody(ArrayPool<byte>.Shared.Rent(initial));
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken);
            await using (stream)
            {
                while (true)
                {
                    if (body._length == body._buffer!.Length)
                    {
                        body.Grow();
                    }

                    var read = await stream.ReadAsync(body._buffer.AsMemory(body._length), cancellationToken);
                    if (read == 0)
                    {
                        return body;
                    }

                    body._length += read;
                }
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Grow()
    {
        if (_buffer!.Length >= MaxBytes)
        {
            throw new InvalidDataException("the response body is larger than 1 GiB");
        }

        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_buffer.Length * 2, MaxBytes));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
