using Reembed.Postgres;
using Reembed.Providers;
using Reembed.Testing;

namespace Reembed.Tests.Provider;

public sealed class PostgresStoreProviderTests : StoreProviderConformanceTests
{
    protected override StoreProvider Provider { get; } = RegisteredProvider.Of(static b => b.AddPostgres());

    protected override string? ValidSource => """{ "type": "postgres", "connectionStringEnv": "PG_URL", "table": "docs", "id": "doc_id", "text": "{title}", "where": "lang = 'en'" }""";

    protected override string? ValidTarget => """
        { "type": "postgres", "connectionStringEnv": "PG_URL", "table": "docs", "vector": "emb", "vectorType": "halfvec", "loadPath": "insert",
          "index": { "type": "hnsw", "m": 16 }, "deferIndex": true, "cutover": "shadow" }
        """;

    protected override string? ValidState => """{ "type": "postgres", "connectionStringEnv": "STATE_URL", "schema": "jobs" }""";

    protected override string? ValidCache => """{ "type": "postgres", "connectionStringEnv": "STATE_URL", "schema": "jobs", "ttlDays": 2 }""";

    protected override string? ExpectedSourceJson => """{"id":"doc_id","text":"{title}","type":"postgres","connectionStringEnv":"PG_URL","table":"docs","query":null,"where":"lang = \u0027en\u0027"}""";

    protected override string? ExpectedTargetJson => """{"type":"postgres","connectionStringEnv":"PG_URL","table":"docs","vector":"emb","vectorType":"halfvec","shape":"in-place","shadowCutover":true}""";
}
