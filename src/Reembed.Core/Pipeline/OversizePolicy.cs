namespace Reembed;

/// <summary>What to do with a text over <see cref="PipelineOptions.MaxInputTokens"/>.</summary>
public enum OversizePolicy
{
    /// <summary>Embed its longest prefix that fits.</summary>
    Truncate,

    /// <summary>Send it to the failures ledger.</summary>
    Fail,
}
