using Npgsql;
using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Cutover;

/// <summary>
/// Cut-over of a shadow-shape postgres target: the live table keeps <c>target.table</c>'s name, shadows of
/// other spaces sit beside it in its schema as <c>&lt;live&gt;__reembed_&lt;space&gt;</c>, and a swap or
/// rollback renames two tables (and the indexes and constraints named after them) in one transaction
/// together with its journal row, so a reader of the live name sees the old table or the new one, never neither.
/// </summary>
internal sealed partial class PostgresCutover : CutoverTarget
{
    private readonly PostgresSinkOptions _options;
    private readonly PgServer _server;
    private readonly PgTableName _live;
    private readonly string _prefix;
    private readonly TimeProvider _time;

    public PostgresCutover(PostgresSinkOptions options, TimeProvider time)
    {
        if (options.Shape != PostgresTargetShape.Shadow)
        {
            throw ReembedException.Config(
                "target.cutover",
                "shadow cut-over needs a shadow-shape target (a table of its own); an in-place target writes into the source table, which cannot be swapped");
        }

        _live = PgIdentifier.ParseTable(options.Table, "target.table");
        PgIdentifier.Quote(options.VectorColumn, "target.vector");
        _options = options;
        _prefix = PgShadowNames.Prefix(_live.Name);
        _time = time;
        _server = PgServer.Create(options.ConnectionString, "target");
    }

    /// <summary>How long a swap, rollback or cleanup waits for readers and writers to let go of the tables.</summary>
    internal TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public override string Description => $"postgres {_server.Description} table {_live.Display}";

    public override string LiveName => _live.Display;

    public override string ShadowName(string spaceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(spaceId);
        return Display(PgShadowNames.Shadow(_live.Name, spaceId));
    }

    public override async ValueTask<CutoverState> InspectAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _server.OpenAsync(cancellationToken);
            var schema = await SchemaAsync(connection, cancellationToken);
            var tables = await TablesAsync(connection, schema, relation: null, count: true, cancellationToken);
            var live = tables.FirstOrDefault(t => t.Relation == _live.Name);
            var others = tables.Where(t => t.Relation != _live.Name).Select(t => new CutoverTable(Display(t.Relation), t.SpaceId, t.Rows)).ToList();
            var step = await PgCutoverJournal.LatestAsync(connection, schema, _live.Name, cancellationToken);
            return new CutoverState(
                new CutoverTable(_live.Display, live?.SpaceId, live?.Rows ?? 0),
                others,
                step is null ? null : step with { Promoted = Display(step.Promoted), Demoted = Display(step.Demoted) });
        }
        catch (NpgsqlException ex)
        {
            throw _server.Error(ex, "target.table", $"cannot inspect table {_live.Display} on");
        }
    }

    public override async ValueTask<VectorCollection?> OpenCollectionAsync(string name, CancellationToken cancellationToken = default)
    {
        var relation = Relation(name, "target.table");
        string schema;
        try
        {
            await using var connection = await _server.OpenAsync(cancellationToken);
            schema = await SchemaAsync(connection, cancellationToken);
            if (await TableAsync(connection, schema, relation, cancellationToken) is null)
            {
                return null;
            }
        }
        catch (NpgsqlException ex)
        {
            throw _server.Error(ex, "target.table", $"cannot read table {name} on");
        }

        var options = new PostgresSinkOptions
        {
            ConnectionString = _options.ConnectionString,
            Table = schema + "." + relation,
            IdColumn = _options.IdColumn,
            VectorColumn = _options.VectorColumn,
            VectorType = _options.VectorType,
        };
        return new PostgresVectorCollection(options, Display(relation));
    }

    public override async ValueTask<string?> CleanupAsync(CancellationToken cancellationToken = default)
    {
        string? superseded = null;
        try
        {
            await using var connection = await _server.OpenAsync(cancellationToken);
            var schema = await SchemaAsync(connection, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await SetLockTimeoutAsync(connection, cancellationToken);

            // Under the steps' lock, so that a swap running meanwhile cannot make the table about to be dropped live.
            await PgCutoverJournal.LockAsync(connection, schema, cancellationToken);
            var step = await PgCutoverJournal.LatestAsync(connection, schema, _live.Name, cancellationToken);
            if (step is null || step.Demoted == _live.Name || !await ExistsAsync(connection, schema, step.Demoted, cancellationToken))
            {
                return null;
            }

            superseded = Display(step.Demoted);
            await ExecuteAsync(connection, $"DROP TABLE {Quote(schema)}.{Quote(step.Demoted)}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return superseded;
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex, "drop", superseded ?? _live.Display + "'s superseded table");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await base.DisposeAsync();
    }

    private ValueTask SetLockTimeoutAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        PgCutoverSession.SetLockTimeoutAsync(connection, LockTimeout, cancellationToken);

    private ReembedException Failure(NpgsqlException ex, string action, string table) =>
        PgCutoverSession.Failure(_server, ex, "target.table", action, table, LockTimeout);
}
