namespace Reembed;

/// <summary>
/// The one exception base of Reembed. <see cref="Kind"/> decides the exit code; the message is
/// written for the person who has to act on it and never contains a secret.
/// </summary>
public class ReembedException : Exception
{
    public ReembedException(ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    public ErrorKind Kind { get; }

    /// <summary>A retry with backoff may succeed.</summary>
    public bool IsTransient => Kind == ErrorKind.Transient;

    /// <summary>The config key, file path, or record this error is about, when there is one.</summary>
    public string? Subject { get; init; }

    /// <summary>A short machine-readable class for the failures ledger, e.g. <c>rejected-input</c>.</summary>
    public string? ErrorClass { get; init; }

    public static ReembedException Config(string key, string message) =>
        new(ErrorKind.Config, $"{key}: {message}") { Subject = key };
}
