using System.Threading.RateLimiting;

namespace Reembed.Remote;

/// <summary>A lease of a <see cref="TokenBucket"/>: the tokens are spent, so disposing it returns nothing.</summary>
internal sealed class BudgetLease(bool acquired) : RateLimitLease
{
    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}
