using Npgsql;
using Reembed.Testing;

namespace Reembed.Tests;

/// <summary><c>init --source postgres --target postgres</c> writes a config that <c>plan</c> and <c>run</c> accept once its variable is set.</summary>
public sealed class PostgresInitTests
{
    [Fact]
    public async Task Init_PostgresToPostgres_PlanAndRunAcceptItOnceDatabaseUrlIsSet()
    {
        // The template names the table "documents" unqualified: on the pgvector server (in memory, this test's alone) it is public.documents.
        using var workspace = new Workspace();
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = TestServices.PgvectorConnectionString };
        await ExecuteAsync("DROP TABLE IF EXISTS public.documents; CREATE TABLE public.documents (id bigint PRIMARY KEY, title text, body text); "
            + "INSERT INTO public.documents SELECT g, 'title ' || g, 'body of document ' || g FROM generate_series(1, 40) g");
        try
        {
            await InitPlanRunAsync(workspace, environment);
        }
        finally
        {
            await ExecuteAsync("DROP TABLE IF EXISTS public.documents");
        }
    }

    private static async Task InitPlanRunAsync(Workspace workspace, Dictionary<string, string> environment)
    {
        (await CliProcess.RunAsync(workspace.Dir, "init", "--source", "postgres", "--target", "postgres")).AssertExit(0);
        var missing = await CliProcess.RunAsync(workspace.Dir, "plan", "--json");
        missing.AssertExit(2);
        Assert.Contains("DATABASE_URL", missing.Stderr, StringComparison.Ordinal);

        var plan = (await CliProcess.RunAsync(workspace.Dir, environment, "plan", "--json")).AssertExit(0).Json();
        Assert.Equal(40, plan.GetProperty("records").GetInt64());
        Assert.Equal(40, plan.GetProperty("items").GetInt64());

        var run = (await CliProcess.RunAsync(workspace.Dir, environment, "run", "--json")).AssertExit(0).Json();
        Assert.Equal(("completed", 40L), (run.GetProperty("state").GetString(), run.GetProperty("embedded").GetInt64()));
        await using var connection = new NpgsqlConnection(environment["DATABASE_URL"]);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM documents WHERE embedding IS NOT NULL", connection);
        Assert.Equal(40L, (long)(await count.ExecuteScalarAsync())!);
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(TestServices.PgvectorConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
