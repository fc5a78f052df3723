namespace Reembed.Remote;

/// <summary>Reads a successful response body; throws <see cref="ApiException"/> when it is unusable.</summary>
internal delegate T BodyParser<out T>(ReadOnlySpan<byte> body);
