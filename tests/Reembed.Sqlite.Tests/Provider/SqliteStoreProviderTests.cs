using Reembed.Providers;
using Reembed.Sqlite;
using Reembed.Testing;

namespace Reembed.Tests.Provider;

public sealed class SqliteStoreProviderTests : StoreProviderConformanceTests
{
    protected override StoreProvider Provider { get; } = RegisteredProvider.Of(static b => b.AddSqlite());

    protected override string? ValidSource => """{ "type": "sqlite", "path": "data/source.db", "table": "documents", "id": "doc_id", "text": "{title}", "where": "lang = 'en'" }""";

    protected override string? ValidTarget => """{ "type": "sqlite", "path": "out/vectors.db", "table": "docs_vectors", "cutover": "shadow" }""";

    protected override string? ValidState => """{ "type": "sqlite", "path": "state/state.db" }""";

    protected override string? ValidCache => """{ "type": "sqlite", "path": "state/cache.db", "ttlDays": 3 }""";

    protected override string? ExpectedSourceJson => """{"id":"doc_id","text":"{title}","type":"sqlite","path":"$DIR/data/source.db","table":"documents","where":"lang = \u0027en\u0027"}""";

    protected override string? ExpectedTargetJson => """{"type":"sqlite","path":"$DIR/out/vectors.db","table":"docs_vectors","shadowCutover":true}""";
}
