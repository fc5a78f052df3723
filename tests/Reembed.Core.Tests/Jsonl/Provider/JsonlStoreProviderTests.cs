using Reembed.Jsonl;
using Reembed.Providers;
using Reembed.Testing;

namespace Reembed.Tests.Jsonl;

public sealed class JsonlStoreProviderTests : StoreProviderConformanceTests
{
    protected override StoreProvider Provider { get; } = RegisteredProvider.Of(static b => b.AddJsonl());

    protected override string? ValidSource => """{ "type": "jsonl", "path": "data/docs.jsonl.gz", "id": "doc_id", "text": "{summary}\n\n{description}" }""";

    protected override string? ValidTarget => """{ "type": "jsonl", "path": "out/vectors.jsonl" }""";

    protected override string? ExpectedSourceJson => """{"id":"doc_id","text":"{summary}\n\n{description}","type":"jsonl","path":"$DIR/data/docs.jsonl.gz"}""";

    protected override string? ExpectedTargetJson => """{"type":"jsonl","path":"$DIR/out/vectors.jsonl","shadowCutover":false}""";
}
