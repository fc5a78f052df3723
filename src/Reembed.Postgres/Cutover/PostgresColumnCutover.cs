using Npgsql;
using Reembed.Postgres.Sql;

namespace Reembed.Postgres.Cutover;

/// <summary>
/// Cut-over of an in-place postgres target: the live vectors are column <c>target.vector</c> of the source table
/// (with <c>&lt;vector&gt;_hash</c>), shadows of other spaces are columns <c>&lt;vector&gt;__reembed_&lt;space&gt;</c>
/// of the same table written by the in-place sink, and a swap or rollback renames two column pairs (and their ANN
/// index names) in one transaction with its journal row, so a reader of the live column sees one space, whole.
/// </summary>
internal sealed partial class PostgresColumnCutover : CutoverTarget
{
    private const int HashSuffix = 5;

    private readonly PostgresSinkOptions _options;
    private readonly PgServer _server;
    private readonly PgTableName _table;
    private readonly string _live;
    private readonly string _prefix;
    private readonly string _journalKey;
    private readonly TimeProvider _time;

    public PostgresColumnCutover(PostgresSinkOptions options, TimeProvider time)
    {
        if (options.Shape != PostgresTargetShape.InPlace)
        {
            throw ReembedException.Config("target.cutover", "column cut-over is for an in-place target; a shadow-shape target swaps tables");
        }

        _table = PgIdentifier.ParseTable(options.Table, "target.table");
        PgIdentifier.Quote(options.IdColumn, "target.id");
        PgIdentifier.Quote(options.VectorColumn, "target.vector");
        _options = options;
        _live = options.VectorColumn;

        // Room for "_hash" stays free: the sink names the hash companion <column>_hash, which must not be truncated into another name.
        _prefix = PgShadowNames.Prefix(_live, HashSuffix);

        // Table and column cut-overs share a schema's journal; "<table>.<column>" cannot be a table's key there.
        _journalKey = _table.Name + "." + _live;
        _time = time;
        _server = PgServer.Create(options.ConnectionString, "target");
    }

    /// <summary>How long a swap, rollback or cleanup waits for readers and writers to let go of the table.</summary>
    internal TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public override string Description => $"postgres {_server.Description} table {_table.Display} column {_live}";

    public override string LiveName => _live;

    public override string ShadowName(string spaceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(spaceId);
        return PgShadowNames.Shadow(_live, spaceId, HashSuffix);
    }

    public override async ValueTask<CutoverState> InspectAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _server.OpenAsync(cancellationToken);
            var schema = await PgCutoverSession.SchemaAsync(connection, _table, cancellationToken);
            var columns = await ColumnsAsync(connection, schema, cancellationToken);
            var found = new List<CutoverTable>(columns.Count);
            foreach (var column in columns.Values.OrderBy(c => c.Name, StringComparer.Ordinal))
            {
                found.Add(new CutoverTable(column.Name, column.SpaceId, await CountAsync(connection, schema, column.Name, cancellationToken)));
            }

            var step = await PgCutoverJournal.LatestAsync(connection, schema, _journalKey, cancellationToken);
            return new CutoverState(
                found.FirstOrDefault(c => c.Name == _live) ?? new CutoverTable(_live, null, 0),
                found.Where(c => c.Name != _live).ToList(),
                step);
        }
        catch (NpgsqlException ex)
        {
            throw _server.Error(ex, "target.table", $"cannot inspect column {_live} of table {_table.Display} on");
        }
    }

    public override async ValueTask<VectorCollection?> OpenCollectionAsync(string name, CancellationToken cancellationToken = default)
    {
        PgIdentifier.Quote(name, "target.vector");
        string schema;
        try
        {
            await using var connection = await _server.OpenAsync(cancellationToken);
            schema = await PgCutoverSession.SchemaAsync(connection, _table, cancellationToken);
            if (!(await ColumnsAsync(connection, schema, cancellationToken)).ContainsKey(name))
            {
                return null;
            }
        }
        catch (NpgsqlException ex)
        {
            throw _server.Error(ex, "target.table", $"cannot read column {name} of table {_table.Display} on");
        }

        var options = new PostgresSinkOptions
        {
            ConnectionString = _options.ConnectionString,
            Table = schema + "." + _table.Name,
            Shape = PostgresTargetShape.InPlace,
            IdColumn = _options.IdColumn,
            VectorColumn = name,
            VectorType = _options.VectorType,
        };
        return new PostgresVectorCollection(options, name);
    }

    public override async ValueTask<string?> CleanupAsync(CancellationToken cancellationToken = default)
    {
        string? superseded = null;
        try
        {
            await using var connection = await _server.OpenAsync(cancellationToken);
            var schema = await PgCutoverSession.SchemaAsync(connection, _table, cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await PgCutoverSession.SetLockTimeoutAsync(connection, LockTimeout, cancellationToken);

            // Under the steps' lock, so that a swap running meanwhile cannot make the column about to be dropped live.
            await PgCutoverJournal.LockAsync(connection, schema, cancellationToken);
            var step = await PgCutoverJournal.LatestAsync(connection, schema, _journalKey, cancellationToken);
            if (step is null || step.Demoted == _live || !(await ColumnsAsync(connection, schema, cancellationToken)).ContainsKey(step.Demoted))
            {
                return null;
            }

            superseded = step.Demoted;
            await DropAsync(connection, schema, step.Demoted, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return superseded;
        }
        catch (NpgsqlException ex)
        {
            throw Failure(ex, "drop", superseded is null ? $"column {_live}'s superseded column" : $"column {superseded}");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await base.DisposeAsync();
    }

    private ReembedException Failure(NpgsqlException ex, string action, string subject) =>
        PgCutoverSession.Failure(_server, ex, "target.vector", action, $"{subject} of table {_table.Display}", LockTimeout);

    /// <summary>Now, to the microsecond: what timestamptz keeps, so the step returned equals the one read back.</summary>
    private DateTimeOffset Now()
    {
        var now = _time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }
}
