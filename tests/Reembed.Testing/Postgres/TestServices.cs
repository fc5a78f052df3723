namespace Reembed.Testing;

/// <summary>
/// The servers that <c>scripts/test-services.sh start</c> runs for the tests, found through the variables
/// that <c>scripts/test-services.sh env</c> prints. A test that needs one fails, never skips, when it is missing.
/// </summary>
public static class TestServices
{
    /// <summary>Npgsql connection string of the PostgreSQL 15 test cluster (COPY, concurrency, state store, cache).</summary>
    public const string PostgresVariable = "REEMBED_TEST_PG";

    /// <summary>Npgsql connection string of the pgvector server (PGlite; no COPY FROM STDIN).</summary>
    public const string PgvectorVariable = "REEMBED_TEST_PGVECTOR";

    public static string PostgresConnectionString => Require(PostgresVariable, "PostgreSQL 15");

    public static string PgvectorConnectionString => Require(PgvectorVariable, "pgvector");

    private static string Require(string variable, string what) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set, so this test cannot reach {what}. Run `scripts/test-services.sh start`, then " +
                "`eval \"$(scripts/test-services.sh env | sed 's/^/export /')\"` (./test.sh does both).");
}
