namespace Reembed.Tests.Jsonl;

/// <summary>A plain JSON-lines file.</summary>
public sealed class JsonlPlainSourceConformanceTests : JsonlSourceConformanceTests
{
    protected override bool Gzip => false;
}
