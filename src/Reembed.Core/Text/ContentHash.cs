using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Reembed;

/// <summary>SHA-256 of the composed text, lower-case hex. Drives <c>changed</c> mode and the cache key.</summary>
public static class ContentHash
{
    public static string Compute(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var rented = max <= 4096 ? null : ArrayPool<byte>.Shared.Rent(max);
        Span<byte> buffer = rented ?? stackalloc byte[4096];
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..length], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
