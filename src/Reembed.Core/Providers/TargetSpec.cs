using System.Text.Json.Serialization;

namespace Reembed.Providers;

/// <summary>The <c>target</c> section, bound by its provider.</summary>
public abstract record TargetSpec : FingerprintedSpec
{
    /// <summary>
    /// <c>target.cutover: "shadow"</c>: a new space goes into a shadow beside the live table/file (or collection), made live
    /// by <c>swap</c>. Another cut-over is another job: a shadow job never resumes as an in-place one.
    /// </summary>
    public bool ShadowCutover { get; init; }

    /// <summary>The vectors go into a field of the source's own records (same store, same table).</summary>
    [JsonIgnore]
    public virtual bool InPlace => false;

    /// <summary>The same target under another name of the same store (a shadow, a demoted one).</summary>
    public abstract TargetSpec Named(string name);
}
