namespace Reembed.Tests;

/// <summary>An owner for engine tests: alive only while named in <see cref="Alive"/>.</summary>
internal sealed class TestOwner(string id) : JobOwner
{
    public HashSet<string> Alive { get; } = [id];

    public override string Id => id;

    public override bool IsAlive(string owner) => Alive.Contains(owner);
}
