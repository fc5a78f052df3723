namespace Reembed;

/// <summary>Which records a job embeds.</summary>
public enum ReembedMode
{
    /// <summary>Records with no vector of this space in the target yet.</summary>
    Missing,

    /// <summary>Missing records, and records whose content hash differs from the stored one.</summary>
    Changed,

    /// <summary>Every record, whatever the target holds.</summary>
    All,
}
