namespace Reembed;

/// <summary>How an error is handled, and which exit code it maps to.</summary>
public enum ErrorKind
{
    /// <summary>Bad config, bad arguments or unusable input (exit code 2).</summary>
    Config,

    /// <summary>A fault that stops the job; the checkpoint stays intact (exit code 3).</summary>
    Fatal,

    /// <summary>A fault that a retry with backoff may cure.</summary>
    Transient,

    /// <summary>A fault that belongs to one record only; the record goes to the failures ledger.</summary>
    Item,
}
