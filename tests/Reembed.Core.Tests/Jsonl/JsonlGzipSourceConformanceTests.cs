namespace Reembed.Tests.Jsonl;

/// <summary>A gzip-compressed JSON-lines file: resuming skips lines of the decompressed stream.</summary>
public sealed class JsonlGzipSourceConformanceTests : JsonlSourceConformanceTests
{
    protected override bool Gzip => true;
}
