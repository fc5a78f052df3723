using Reembed.Providers;

namespace Reembed.Postgres;

internal sealed partial class PostgresStoreProvider
{
    public override string SourceTemplate => """
            // A PostgreSQL table (or "query"), read in id order, in key-range shards.
            "type": "postgres",
            // The NAME of the environment variable that holds the connection string, never the string itself.
            "connectionStringEnv": "DATABASE_URL",
            "table": "documents",
            "id": "id",
            // Columns to embed, as a template: {column}; write {{ and }} for literal braces.
            "text": "{title}\n\n{body}"
            // "where": "lang = 'en'"   (raw SQL condition, trusted)
        """;

    /// <summary>In place beside a postgres source (a vector column of its own table); a new table of vectors otherwise.</summary>
    public override string TargetTemplate(StoreProvider source) => source is PostgresStoreProvider
        ? """
                // pgvector, in place: a vector column of the source table (same table, same connection variable).
                "type": "postgres",
                "table": "documents",
                "vector": "embedding",
                "vectorType": "vector"           // or "halfvec", "real[]"
                // "index": { "type": "hnsw", "m": 16, "efConstruction": 64 }
            """
        : """
                // pgvector: a table of vectors (id, embedding, content_hash, space), created when absent.
                "type": "postgres",
                // The NAME of the environment variable that holds the connection string, never the string itself.
                "connectionStringEnv": "DATABASE_URL",
                "table": "documents_vectors",
                "vectorType": "vector"           // or "halfvec", "real[]"
                // "index": { "type": "hnsw", "m": 16, "efConstruction": 64 }
            """;
}
