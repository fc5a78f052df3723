namespace Reembed.Hosting;

/// <summary>What each mode would embed.</summary>
public sealed record ModeCounts(ModeCount Missing, ModeCount Changed, ModeCount All)
{
    public ModeCount For(ReembedMode mode) => mode switch
    {
        ReembedMode.Missing => Missing,
        ReembedMode.Changed => Changed,
        _ => All,
    };
}
